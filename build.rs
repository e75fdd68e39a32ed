//! build.rs mode: Securegate's code is generated from the spec at build time, into OUT_DIR.
//! Editing specs/securegate.yaml regenerates it on the next `cargo build`.

fn main() {
    if let Err(err) = oasforge::Builder::new()
        .spec("specs/securegate.yaml")
        .client(true)
        .server(true)
        .generate()
    {
        // Cargo shows a failing build script's stderr; the message names the place in the spec.
        eprintln!("{err}");
        std::process::exit(1);
    }
}
