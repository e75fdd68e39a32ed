//! Serves an in-memory Securegate (the generated server, seeded with the two documented
//! invites) on 127.0.0.1.
//!
//! ```sh
//! PORT=8080 SECUREGATE_API_KEY=demo-key cargo run --example securegate_server
//! curl -H 'x-api-key: demo-key' '127.0.0.1:8080/events/event-456/invites?status=accepted'
//! ```
//!
//! `PORT` defaults to 8080 (`0` picks a free port); `SECUREGATE_API_KEY` to `demo-key`.

use securegate::memory::InMemory;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = match std::env::var("PORT") {
        Ok(text) => text.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("PORT={text} is not a port"),
            )
        })?,
        Err(_) => 8080,
    };
    let api_key = std::env::var("SECUREGATE_API_KEY").unwrap_or_else(|_| "demo-key".to_owned());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("securegate listening on http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        securegate::server::router(InMemory::seeded(api_key)),
    )
    .await
}
