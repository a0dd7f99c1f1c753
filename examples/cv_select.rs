//! Model selection on the training split only: trains the variants below
//! with k-fold cross-validation on `data/corpus/train.jsonl` (no dev split:
//! calibration uses a held-out fifth of train) and prints each variant's
//! best cross-validated F1 per label and their mean. The dev split is never
//! read, so choosing the defaults of `TrainOptions` from this table does
//! not tune on dev.
//!
//! ```sh
//! cargo run --release --example cv_select
//! ```
use signaal::{TrainOptions, read_records_file, train};

fn main() -> Result<(), signaal::Error> {
    let records = read_records_file("data/corpus/train.jsonl")?;
    let base = TrainOptions::default();
    let wide = vec![1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
    let variants: Vec<(&str, TrainOptions)> = vec![
        ("default", base.clone()),
        ("l2 grid down to 1e-5", TrainOptions { l2_grid: wide.clone(), ..base.clone() }),
        ("40 epochs", TrainOptions { epochs: 40, l2_grid: wide.clone(), ..base.clone() }),
        ("40 epochs, rate 0.1", TrainOptions { epochs: 40, learning_rate: 0.1, l2_grid: wide.clone(), ..base.clone() }),
        ("2^20 buckets", TrainOptions { bits: 20, l2_grid: wide.clone(), ..base.clone() }),
    ];
    println!("{:<28} {:>9} {:>9} {:>9} {:>9} {:>9}", "variant", "complaint", "tip", "threat", "polariz.", "mean");
    for (name, opts) in variants {
        let model = train(&records, None, &opts)?;
        let cv = &model.meta().options["cv_f1"];
        let best: Vec<f64> = (0..4)
            .map(|l| cv[l].as_array().unwrap().iter().map(|x| x["f1"].as_f64().unwrap()).fold(0.0, f64::max))
            .collect();
        let mean = best.iter().sum::<f64>() / 4.0;
        println!("{name:<28} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {mean:>9.4}", best[0], best[1], best[2], best[3]);
    }
    Ok(())
}
