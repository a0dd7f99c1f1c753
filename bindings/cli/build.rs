//! Generates the man page `signaal.1` from the clap definition in
//! `src/args.rs` into `OUT_DIR`; `signaal man` prints it.

#[allow(dead_code)]
mod args {
    include!("src/args.rs");
}

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=src/args.rs");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let cmd = <args::Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    std::fs::write(out.join("signaal.1"), page)
}
