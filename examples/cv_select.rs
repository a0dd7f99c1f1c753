//! Model selection on the training split only: trains the variants below
//! with k-fold cross-validation on `data/corpus/train.jsonl` (no dev split:
//! calibration uses a held-out fifth of train) and prints each variant's
//! best cross-validated F1 per label and their mean. The dev split is never
//! read, so choosing the defaults of `TrainOptions` from this table does
//! not tune on dev.
//!
//! ```sh
//! cargo run --release --example cv_select                 # every variant
//! cargo run --release --example cv_select -- sublinear    # names containing "sublinear"
//! cargo run --release --example cv_select -- --seeds 3    # mean over seeds 0, 1, 2
//! cargo run --release --example cv_select -- --save DIR   # also write each variant's model (seed 0) to DIR
//! ```
//!
//! A saved model can be profiled with `cargo run --release --example
//! profile -- 6 --model DIR/NAME.bin`.
use signaal::{Solver, TrainOptions, read_records_file, train};

fn main() -> Result<(), signaal::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|k| args.get(k + 1)).cloned();
    let save = value("--save");
    let seeds: u64 = value("--seeds").map_or(1, |s| s.parse().expect("--seeds N"));
    let filters: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(k, a)| !a.starts_with("--") && (*k == 0 || !args[k - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let records = read_records_file("data/corpus/train.jsonl")?;
    let base = TrainOptions::default();
    let wide = vec![1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
    let weak = vec![1e-7, 3e-7, 1e-6, 3e-6, 1e-5];
    let variants: Vec<(&str, TrainOptions)> = vec![
        ("default", base.clone()),
        ("l2 grid up to 3e-2", TrainOptions { l2_grid: vec![1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2], ..base.clone() }),
        (
            "l2 grid up to 1e-1",
            TrainOptions { l2_grid: vec![1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1], ..base.clone() },
        ),
        (
            "l2 grid finer",
            TrainOptions { l2_grid: vec![1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2], ..base.clone() },
        ),
        ("30 epochs", TrainOptions { epochs: 30, ..base.clone() }),
        ("l2 grid down to 1e-5", TrainOptions { l2_grid: wide.clone(), ..base.clone() }),
        ("40 epochs", TrainOptions { epochs: 40, l2_grid: wide.clone(), ..base.clone() }),
        ("40 epochs, rate 0.1", TrainOptions { epochs: 40, learning_rate: 0.1, l2_grid: wide.clone(), ..base.clone() }),
        ("2^20 buckets", TrainOptions { bits: 20, l2_grid: wide.clone(), ..base.clone() }),
        // Features and loss (issue: close the gap to the sklearn peer).
        ("chars 2-5", TrainOptions { char_min: 2, char_max: 5, ..base.clone() }),
        ("chars 3-5", TrainOptions { char_min: 3, char_max: 5, ..base.clone() }),
        ("chars 2-4", TrainOptions { char_min: 2, char_max: 4, ..base.clone() }),
        ("chars 3 only", TrainOptions { char_min: 3, char_max: 3, ..base.clone() }),
        ("sublinear tf", TrainOptions { sublinear_tf: true, ..base.clone() }),
        ("char weight 1", TrainOptions { char_weight: 1.0, ..base.clone() }),
        ("char weight 0.3", TrainOptions { char_weight: 0.3, ..base.clone() }),
        ("char weight 0.7", TrainOptions { char_weight: 0.7, ..base.clone() }),
        ("cue weight 1", TrainOptions { cue_weight: 1.0, ..base.clone() }),
        ("cue weight 0.2", TrainOptions { cue_weight: 0.2, ..base.clone() }),
        ("cue weight 0.5", TrainOptions { cue_weight: 0.5, ..base.clone() }),
        ("cue weight 0.25", TrainOptions { cue_weight: 0.25, ..base.clone() }),
        ("char weight 0.4", TrainOptions { char_weight: 0.4, ..base.clone() }),
        ("cue weight 1, char weight 1 (before)", TrainOptions { cue_weight: 1.0, char_weight: 1.0, ..base.clone() }),
        ("idf", TrainOptions { idf: true, ..base.clone() }),
        ("class weight sqrt", TrainOptions { class_weight_power: 0.5, ..base.clone() }),
        ("class weight none", TrainOptions { class_weight_power: 0.0, ..base.clone() }),
        ("min_df 2", TrainOptions { min_df: 2, ..base.clone() }),
        ("min_df 3", TrainOptions { min_df: 3, ..base.clone() }),
        ("lbfgs", TrainOptions { solver: Solver::Lbfgs, l2_grid: wide.clone(), ..base.clone() }),
        ("lbfgs weak l2", TrainOptions { solver: Solver::Lbfgs, l2_grid: weak.clone(), ..base.clone() }),
        (
            "lbfgs, chars 2-5, sublinear",
            TrainOptions {
                solver: Solver::Lbfgs,
                char_min: 2,
                char_max: 5,
                sublinear_tf: true,
                l2_grid: wide.clone(),
                ..base.clone()
            },
        ),
        ("combo: chars 2-5, sublinear", TrainOptions { char_min: 2, char_max: 5, sublinear_tf: true, ..base.clone() }),
        (
            "combo: chars 2-5, sublinear, min_df 2",
            TrainOptions { char_min: 2, char_max: 5, sublinear_tf: true, min_df: 2, ..base.clone() },
        ),
        ("combo: chars 2-4, sublinear", TrainOptions { char_min: 2, char_max: 4, sublinear_tf: true, ..base.clone() }),
        ("combo: sublinear, min_df 2", TrainOptions { sublinear_tf: true, min_df: 2, ..base.clone() }),
        (
            "combo: chars 2-5, sublinear, l2 wide",
            TrainOptions { char_min: 2, char_max: 5, sublinear_tf: true, l2_grid: wide.clone(), ..base.clone() },
        ),
    ];
    println!("{:<28} {:>9} {:>9} {:>9} {:>9} {:>9}", "variant", "complaint", "tip", "threat", "polariz.", "mean");
    for (name, opts) in variants {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        // With --seeds N, the mean over seeds 0..N (folds, held-out fifth and
        // shuffles all follow the seed).
        let mut best = [0f64; 4];
        let mut model = None;
        for seed in 0..seeds {
            let m = train(&records, None, &TrainOptions { seed, ..opts.clone() })?;
            let cv = &m.meta().options["cv_f1"];
            for (l, b) in best.iter_mut().enumerate() {
                *b += cv[l].as_array().unwrap().iter().map(|x| x["f1"].as_f64().unwrap()).fold(0.0, f64::max)
                    / seeds as f64;
            }
            model.get_or_insert(m);
        }
        let model = model.expect("one seed at least");
        let mean = best.iter().sum::<f64>() / 4.0;
        println!("{name:<28} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {mean:>9.4}", best[0], best[1], best[2], best[3]);
        if let Some(dir) = &save {
            let file = format!("{dir}/{}.bin", name.replace([' ', ',', '^'], "_"));
            std::fs::write(&file, model.to_bytes()).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
    }
    Ok(())
}
