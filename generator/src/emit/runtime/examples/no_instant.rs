/// Whether two texts are the same date-time: the spec has no `date-time`.
fn same_instant(_: &str, _: &str) -> bool {
    false
}
