//! Experiment: does label stacking raise the cross-validated F1? Training
//! split only (`data/corpus/train.jsonl`; dev is never read).
//!
//! Per seed, with default `TrainOptions`, on the fit set `train` uses (train
//! less its calibration fifth):
//! - `cv_f1 (own folds)`: each label's best out-of-fold F1 over the L2 grid
//!   with its own fold shuffle, i.e. what `train` stores as `cv_f1` when
//!   trained without dev (and `cv_select` averages); a check on the hook.
//! - `baseline`: the same with one fold assignment shared by all four labels
//!   (label 0's), so every post has an out-of-fold score for every label.
//! - `stack own`: control, a meta logistic regression on the label's own
//!   out-of-fold score only (a per-fold monotone map: measures the noise of
//!   the meta cross-validation, should be about `baseline`).
//! - `stack 4`: meta logistic regression on the four labels' out-of-fold
//!   raw scores (at each label's chosen L2) + bias.
//! - `stack 4+pairs`: the same plus the six pairwise products.
//!
//! The meta models are evaluated by k-fold over the out-of-fold rows with
//! the same shared folds (fit on the other folds' rows, score the held-out
//! fold), then the best-threshold F1 of the pooled meta scores. A meta
//! model's training rows got their scores from base models that had seen
//! the fold it is then scored on (not fully nested): this favours stacking,
//! so a negative result stands.
//!
//! ```sh
//! cargo run --release --example cv_stack                 # seeds 0..5
//! cargo run --release --example cv_stack -- --seeds 2    # seeds 0, 1
//! ```
#![allow(clippy::needless_range_loop)] // index loops read best in the linear algebra

use signaal::classify::{best_threshold_f1, out_of_fold_scores};
use signaal::{TrainOptions, read_records_file};

/// Class-balanced logistic regression with a small ridge (bias free),
/// by damped Newton. Features are standardised on the rows it is fitted on.
struct Meta {
    mean: Vec<f64>,
    sd: Vec<f64>,
    w: Vec<f64>, // last is the bias
}

const RIDGE: f64 = 1e-4;

impl Meta {
    fn fit(x: &[Vec<f64>], y: &[bool]) -> Meta {
        let d = x[0].len();
        let n = x.len() as f64;
        let mean: Vec<f64> = (0..d).map(|j| x.iter().map(|r| r[j]).sum::<f64>() / n).collect();
        let sd: Vec<f64> =
            (0..d).map(|j| (x.iter().map(|r| (r[j] - mean[j]).powi(2)).sum::<f64>() / n).sqrt().max(1e-12)).collect();
        let z: Vec<Vec<f64>> = x
            .iter()
            .map(|r| {
                let mut v: Vec<f64> = (0..d).map(|j| (r[j] - mean[j]) / sd[j]).collect();
                v.push(1.0);
                v
            })
            .collect();
        let npos = y.iter().filter(|b| **b).count().max(1) as f64;
        let (cp, cn) = (n / (2.0 * npos), n / (2.0 * (n - npos).max(1.0)));
        let c: Vec<f64> = y.iter().map(|&p| if p { cp } else { cn } / n).collect();
        let loss = |w: &[f64]| -> f64 {
            let mut f = 0.5 * RIDGE * w[..d].iter().map(|v| v * v).sum::<f64>();
            for ((r, &p), &ci) in z.iter().zip(y).zip(&c) {
                let s = r.iter().zip(w).map(|(a, b)| a * b).sum::<f64>();
                let m = if p { s } else { -s };
                f += ci * if m > 0.0 { (-m).exp().ln_1p() } else { -m + m.exp().ln_1p() };
            }
            f
        };
        let mut w = vec![0f64; d + 1];
        let mut cur = loss(&w);
        for _ in 0..100 {
            let mut g = vec![0f64; d + 1];
            let mut h = vec![vec![0f64; d + 1]; d + 1];
            for ((r, &p), &ci) in z.iter().zip(y).zip(&c) {
                let s = r.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
                let q = 1.0 / (1.0 + (-s).exp());
                let e = ci * (q - if p { 1.0 } else { 0.0 });
                let v = ci * q * (1.0 - q);
                for a in 0..=d {
                    g[a] += e * r[a];
                    for b in 0..=d {
                        h[a][b] += v * r[a] * r[b];
                    }
                }
            }
            for a in 0..d {
                g[a] += RIDGE * w[a];
                h[a][a] += RIDGE;
            }
            h[d][d] += 1e-12;
            if g.iter().fold(0f64, |m, v| m.max(v.abs())) < 1e-10 {
                break;
            }
            let step = solve(h, g);
            let mut t = 1.0;
            let mut moved = false;
            while t > 1e-8 {
                let cand: Vec<f64> = w.iter().zip(&step).map(|(a, b)| a - t * b).collect();
                let f = loss(&cand);
                if f < cur {
                    w = cand;
                    cur = f;
                    moved = true;
                    break;
                }
                t *= 0.5;
            }
            if !moved {
                break;
            }
        }
        Meta { mean, sd, w }
    }

    fn score(&self, r: &[f64]) -> f64 {
        let d = self.mean.len();
        self.w[d] + (0..d).map(|j| self.w[j] * (r[j] - self.mean[j]) / self.sd[j]).sum::<f64>()
    }
}

/// Solve h x = g by Gaussian elimination with partial pivoting.
fn solve(mut h: Vec<Vec<f64>>, mut g: Vec<f64>) -> Vec<f64> {
    let n = g.len();
    for k in 0..n {
        let p = (k..n).max_by(|&a, &b| h[a][k].abs().total_cmp(&h[b][k].abs())).unwrap();
        h.swap(k, p);
        g.swap(k, p);
        for i in k + 1..n {
            let f = h[i][k] / h[k][k];
            for j in k..n {
                h[i][j] -= f * h[k][j];
            }
            g[i] -= f * g[k];
        }
    }
    let mut x = vec![0f64; n];
    for k in (0..n).rev() {
        x[k] = (g[k] - (k + 1..n).map(|j| h[k][j] * x[j]).sum::<f64>()) / h[k][k];
    }
    x
}

/// Out-of-fold meta scores: each fold scored by a meta model fitted on the
/// other folds' rows.
fn meta_oof(x: &[Vec<f64>], y: &[bool], fold_of: &[usize], folds: usize) -> Vec<f64> {
    let mut out = vec![0f64; x.len()];
    for k in 0..folds {
        let tr: Vec<usize> = (0..x.len()).filter(|&i| fold_of[i] != k).collect();
        let xs: Vec<Vec<f64>> = tr.iter().map(|&i| x[i].clone()).collect();
        let ys: Vec<bool> = tr.iter().map(|&i| y[i]).collect();
        let m = Meta::fit(&xs, &ys);
        for i in (0..x.len()).filter(|&i| fold_of[i] == k) {
            out[i] = m.score(&x[i]);
        }
    }
    out
}

const ROWS: [&str; 5] = ["cv_f1 (own folds)", "baseline", "stack own", "stack 4", "stack 4+pairs"];

fn print_row(name: &str, f: &[f64; 4]) {
    let mean = f.iter().sum::<f64>() / 4.0;
    println!("  {name:<19} {:>9.4} {:>9.4} {:>9.4} {:>9.4} {mean:>9.4}", f[0], f[1], f[2], f[3]);
}

fn main() -> Result<(), signaal::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seeds: u64 = args
        .iter()
        .position(|a| a == "--seeds")
        .and_then(|k| args.get(k + 1))
        .map_or(5, |s| s.parse().expect("--seeds N"));
    let records = read_records_file("data/corpus/train.jsonl")?;
    let base = TrainOptions::default();
    let mut total = [[0f64; 4]; ROWS.len()];
    let mut deltas: Vec<[f64; 3]> = Vec::new();
    println!("{:<21} {:>9} {:>9} {:>9} {:>9} {:>9}", "", "complaint", "tip", "threat", "polariz.", "mean");
    for seed in 0..seeds {
        let opts = TrainOptions { seed, ..base.clone() };
        let own = out_of_fold_scores(&records, &opts, false)?;
        let shared = out_of_fold_scores(&records, &opts, true)?;
        let n = shared.y.len();
        let yl = |l: usize| -> Vec<bool> { shared.y.iter().map(|v| v[l]).collect() };
        let mut rows = [[0f64; 4]; ROWS.len()];
        // Own folds: the best over the grid, as train's cv_f1.
        for l in 0..4 {
            rows[0][l] = own.scores[l].iter().map(|s| best_threshold_f1(s, &yl(l))).fold(0.0, f64::max);
        }
        // Shared folds: the L2 choose_l2 would pick (best F1, ties to the
        // stronger L2) and its out-of-fold scores.
        let mut chosen: Vec<&Vec<f64>> = Vec::new();
        for l in 0..4 {
            let f1: Vec<(f32, f64)> =
                opts.l2_grid.iter().zip(&shared.scores[l]).map(|(&l2, s)| (l2, best_threshold_f1(s, &yl(l)))).collect();
            let best = f1
                .iter()
                .enumerate()
                .fold(0, |b, (k, r)| if r.1 > f1[b].1 || (r.1 == f1[b].1 && r.0 > f1[b].0) { k } else { b });
            rows[1][l] = f1[best].1;
            chosen.push(&shared.scores[l][best]);
        }
        let fold_of = &shared.fold_of[0];
        let four: Vec<Vec<f64>> = (0..n).map(|i| (0..4).map(|l| chosen[l][i]).collect()).collect();
        let pairs: Vec<Vec<f64>> = four
            .iter()
            .map(|r| {
                let mut v = r.clone();
                for a in 0..4 {
                    for b in a + 1..4 {
                        v.push(r[a] * r[b]);
                    }
                }
                v
            })
            .collect();
        for l in 0..4 {
            let y = yl(l);
            let ownx: Vec<Vec<f64>> = (0..n).map(|i| vec![chosen[l][i]]).collect();
            rows[2][l] = best_threshold_f1(&meta_oof(&ownx, &y, fold_of, opts.folds), &y);
            rows[3][l] = best_threshold_f1(&meta_oof(&four, &y, fold_of, opts.folds), &y);
            rows[4][l] = best_threshold_f1(&meta_oof(&pairs, &y, fold_of, opts.folds), &y);
        }
        println!("seed {seed}");
        for (name, r) in ROWS.iter().zip(&rows) {
            print_row(name, r);
        }
        let mean = |r: &[f64; 4]| r.iter().sum::<f64>() / 4.0;
        deltas.push([2, 3, 4].map(|k| mean(&rows[k]) - mean(&rows[1])));
        for (t, r) in total.iter_mut().zip(&rows) {
            for l in 0..4 {
                t[l] += r[l] / seeds as f64;
            }
        }
    }
    println!("mean over {seeds} seeds");
    for (name, r) in ROWS.iter().zip(&total) {
        print_row(name, r);
    }
    println!("mean-F1 gain over baseline per seed (stack own, stack 4, stack 4+pairs):");
    for (seed, d) in deltas.iter().enumerate() {
        println!("  seed {seed}: {:+.4} {:+.4} {:+.4}", d[0], d[1], d[2]);
    }
    Ok(())
}
