//! Raw bytes through load -> normalize -> resolve: no panic, no abort, no hang; a refused
//! input is an error that names its place.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oasforge::{Error, Generator};

fuzz_target!(|data: &[u8]| {
    match Generator::default().resolve_bytes("fuzz.yaml", data.to_vec()) {
        Ok(_) => {}
        Err(Error::Spec { diagnostic, .. }) => assert!(
            !diagnostic.pointer.is_empty() || diagnostic.location.is_some(),
            "an error without a place: {diagnostic}"
        ),
        Err(other) => panic!("not a spec error: {other}"),
    }
});
