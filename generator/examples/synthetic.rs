//! Prints a synthetic spec (see `oasforge::synthetic`):
//! `cargo run -p oasforge --features internals --example synthetic -- at-limit > specs/deep.json`, or
//! `-- deep SHAPE LEVELS`, `-- wide WIDTH`, `-- chain LENGTH`.

use oasforge::synthetic::{self, Shape};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize| -> usize {
        args.get(index)
            .and_then(|n| n.parse().ok())
            .expect("a number")
    };
    let spec = match args.first().map(String::as_str) {
        Some("at-limit") => synthetic::at_limit(),
        Some("deep") => {
            let shape = Shape::ALL
                .into_iter()
                .find(|shape| Some(shape.name()) == args.get(1).map(String::as_str))
                .expect("a shape: allof, items, alternating, alternating-slip");
            synthetic::deep(shape, number(2))
        }
        Some("wide") => synthetic::wide(number(1)),
        Some("chain") => synthetic::chain(number(1)),
        _ => {
            eprintln!("usage: synthetic at-limit | deep SHAPE LEVELS | wide WIDTH | chain LENGTH");
            std::process::exit(2);
        }
    };
    print!("{spec}");
}
