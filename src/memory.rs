//! An in-memory Securegate: the generated [`Api`](crate::server::Api) trait implemented over
//! a list of invites, seeded with the two invites of the spec's documentation. Used by the
//! `securegate_server` example and the end-to-end tests.

use crate::server::{Api, GetInvitesResponse, ServerError};
use crate::types::{Invite, InviteStatus};

/// The API over a fixed list of invites, accepting one API key.
#[derive(Debug, Clone)]
pub struct InMemory {
    api_key: String,
    invites: Vec<Invite>,
}

impl InMemory {
    /// A store holding the documented example invites, accepting `api_key`.
    pub fn seeded(api_key: impl Into<String>) -> Self {
        let invites = serde_json::from_str(DOCUMENTED_INVITES)
            .expect("the documented example matches the generated types");
        Self {
            api_key: api_key.into(),
            invites,
        }
    }

    pub fn invites(&self) -> &[Invite] {
        &self.invites
    }
}

impl Api for InMemory {
    async fn authorize_api_key_auth(&self, key: &str) -> bool {
        key == self.api_key
    }

    async fn get_invites(
        &self,
        event_id: String,
        status: Option<InviteStatus>,
    ) -> Result<GetInvitesResponse, ServerError> {
        let matching = self
            .invites
            .iter()
            .filter(|invite| invite.event_id == event_id)
            .filter(|invite| status.is_none_or(|wanted| invite.status == wanted))
            .cloned()
            .collect();
        Ok(GetInvitesResponse::Ok(matching))
    }
}

/// The example response in the Securegate documentation.
pub const DOCUMENTED_INVITES: &str = r#"[
  {"id":"invite-123","first_name":"John","last_name":"Doe","email":"john.doe@example.com","country_code":"1","mobile_number":"5551234567","authentication_method":"QR Code","event_id":"event-456","session_code":"ABC123","session_id":"session-789","image":"https://example.com/profile-photos/john-doe.jpg","status":"accepted","created_at":"2023-02-28T12:00:00Z","updated_at":"2023-03-01T09:30:00Z","last_seen":"2023-03-01T10:15:00Z"},
  {"id":"invite-124","first_name":"Jane","last_name":"Smith","email":"jane.smith@example.com","country_code":"1","mobile_number":"5559876543","authentication_method":"Biometric","event_id":"event-456","session_code":"DEF456","session_id":"session-790","image":"https://example.com/profile-photos/jane-smith.jpg","status":"pending","created_at":"2023-02-28T12:01:00Z","updated_at":"2023-02-28T12:01:00Z","last_seen":null}
]"#;
