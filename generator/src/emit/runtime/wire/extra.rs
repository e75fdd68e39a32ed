/// Reads the value of a property the struct does not list into its map.
pub(crate) fn extra<'de, A: MapAccess<'de>, V: Deserialize<'de>>(
    into: &mut impl Extend<(String, V)>,
    key: Text<'de>,
    map: &mut A,
) -> Result<(), A::Error> {
    let value = map.next_value()?;
    into.extend([(key.into_string(), value)]);
    Ok(())
}
