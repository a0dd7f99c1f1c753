//! The built-in model: valid, versioned, and exactly what training on the
//! shipped corpus produces (same corpus + seed → same bytes).

use signaal::{Label, Model, TrainOptions, read_records_file};

fn corpus(name: &str) -> Vec<signaal::Record> {
    read_records_file(format!("{}/data/corpus/{name}.jsonl", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The options the built-in model is trained with (also used by `signaal train`
/// with `--name signaal-nl --model-version <MODEL_VERSION>`).
fn builtin_options() -> TrainOptions {
    TrainOptions { name: signaal::MODEL_NAME.into(), version: signaal::MODEL_VERSION.into(), ..Default::default() }
}

#[test]
fn builtin_model_is_valid_and_versioned() {
    let m = Model::from_bytes(signaal::BUILTIN_MODEL_BYTES).expect("built-in model parses");
    assert_eq!(m.meta().name, signaal::MODEL_NAME);
    assert_eq!(m.meta().version, signaal::MODEL_VERSION);
    for h in m.heads() {
        assert!(h.threshold > 0.0 && h.threshold < 1.0);
    }
}

#[test]
fn retraining_on_the_corpus_reproduces_the_builtin_model() {
    let model = signaal::train(&corpus("train"), Some(&corpus("dev")), &builtin_options()).unwrap();
    assert!(
        model.to_bytes() == signaal::BUILTIN_MODEL_BYTES,
        "data/model/signaal-nl.bin is stale: regenerate it with the command in docs/MODEL_CARD.md"
    );
}

#[test]
fn same_records_and_seed_give_the_same_bytes() {
    let train = corpus("train");
    let dev = corpus("dev");
    let opts = TrainOptions { epochs: 3, l2_grid: vec![1e-4, 1e-3], folds: 2, seed: 7, ..Default::default() };
    let a = signaal::train(&train[..800], Some(&dev[..300]), &opts).unwrap().to_bytes();
    let b = signaal::train(&train[..800], Some(&dev[..300]), &opts).unwrap().to_bytes();
    assert_eq!(a, b);
    let other = TrainOptions { seed: 8, ..opts };
    assert_ne!(a, signaal::train(&train[..800], Some(&dev[..300]), &other).unwrap().to_bytes());
}

#[test]
fn feature_options_and_lbfgs_train_working_models() {
    // Non-default features are stored in the model, so its own scores on
    // its calibration records reproduce the figures training recorded.
    let train = corpus("train");
    let dev = corpus("dev");
    let opts = TrainOptions {
        epochs: 5,
        l2_grid: vec![1e-4],
        char_min: 2,
        char_max: 5,
        sublinear_tf: true,
        min_df: 2,
        solver: signaal::Solver::Lbfgs,
        ..Default::default()
    };
    let model = signaal::train(&train[..800], Some(&dev[..300]), &opts).unwrap();
    let again = Model::from_bytes(&model.to_bytes()).unwrap();
    assert_eq!(again, model);
    assert_eq!(model.meta().options["char_max"], 5);
    let a = signaal::Analyzer::builder().model(again).build().unwrap();
    let threat = |t: &str| a.classify(t).scores.threat;
    assert!(threat("ik ga je morgen neersteken met een mes") > threat("mooi weer vandaag, fijne dag iedereen"));
    let bad = TrainOptions { char_min: 4, char_max: 3, ..Default::default() };
    assert_eq!(signaal::train(&train[..800], None, &bad).unwrap_err().kind(), signaal::ErrorKind::InvalidConfig);
}

#[test]
fn training_rejects_unusable_input() {
    let rec = |t: &str, l: &[Label]| signaal::Record { id: None, text: t.into(), labels: l.to_vec() };
    let only_threats: Vec<_> = (0..20).map(|i| rec(&format!("ik steek je neer {i}"), &[Label::Threat])).collect();
    let err = signaal::train(&only_threats, None, &TrainOptions::default()).unwrap_err();
    assert_eq!(err.kind(), signaal::ErrorKind::InvalidInput);
    let bad = TrainOptions { bits: 40, ..Default::default() };
    assert_eq!(signaal::train(&only_threats, None, &bad).unwrap_err().kind(), signaal::ErrorKind::InvalidConfig);
}

#[test]
fn dev_metrics_meet_the_targets() {
    // The dev split calibrates the model and picks its thresholds (see the model card);
    // this checks the figures the model file reports, re-measured through the evaluator.
    let report = signaal::eval::evaluate(&signaal::Analyzer::new(), &corpus("dev"));
    for m in &report.labels {
        assert!(m.f1 >= 0.78, "{}: F1 {:.3}", m.label, m.f1);
    }
    assert!(report.macro_f1 >= 0.85, "macro-F1 {:.3}", report.macro_f1);
}
