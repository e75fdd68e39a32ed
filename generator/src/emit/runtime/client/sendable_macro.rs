/// `send` and `IntoFuture` for a request builder (`Builder => Output`), the same two items
/// for every operation: the builder provides `build_request` and `read_answer`.
macro_rules! sendable {
    ($builder:ident => $output:ty) => {
        impl $builder<'_> {
            /// Sends the request and reads the answer. The future owns what it needs (the
            /// client's connection pool is shared), so it can be spawned.
            pub fn send(self) -> impl Future<Output = $output> + Send + 'static {
                execute(self.build_request(), Self::read_answer)
            }
        }

        impl<'a> IntoFuture for $builder<'a> {
            type Output = $output;
            type IntoFuture = BoxFuture<'a, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
