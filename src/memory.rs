//! An in-memory Securegate: the generated [`Api`](crate::server::Api) trait implemented over
//! a list of invites, seeded with the two invites of the spec's documentation. Used by the
//! `securegate_server` example and the end-to-end tests.

use std::collections::BTreeMap;

use crate::server::{Api, GetInvitesResponse, Rejection, ServerError};
use crate::types::{Invite, InviteStatus};

/// The organizer an API key belongs to: the `Principal` the generated router hands to
/// [`Api::get_invites`], which shows each organizer only their own events' invites.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Organizer(pub String);

/// The API over a fixed list of invites: each API key belongs to an organizer, and each event
/// to the organizer who runs it.
#[derive(Debug, Clone)]
pub struct InMemory {
    keys: BTreeMap<String, Organizer>,
    events: BTreeMap<String, Organizer>,
    invites: Vec<Invite>,
}

impl InMemory {
    /// A store holding the documented example invites, whose event (`event-456`) is run by
    /// the organizer `api_key` belongs to.
    pub fn seeded(api_key: impl Into<String>) -> Self {
        let invites: Vec<Invite> = serde_json::from_str(DOCUMENTED_INVITES)
            .expect("the documented example matches the generated types");
        let owner = Organizer("organizer-1".to_owned());
        Self {
            keys: BTreeMap::from([(api_key.into(), owner.clone())]),
            events: invites
                .iter()
                .map(|invite| (invite.event_id.clone(), owner.clone()))
                .collect(),
            invites,
        }
    }

    /// Accepts `api_key` too, as `organizer`'s.
    pub fn with_key(mut self, api_key: impl Into<String>, organizer: Organizer) -> Self {
        self.keys.insert(api_key.into(), organizer);
        self
    }

    pub fn invites(&self) -> &[Invite] {
        &self.invites
    }
}

impl Api for InMemory {
    type Principal = Organizer;

    async fn authorize_api_key_auth(
        &self,
        key: &str,
        _scopes: &[&str],
    ) -> Result<Organizer, Rejection> {
        self.keys
            .get(key)
            .cloned()
            .ok_or(Rejection::Unauthenticated)
    }

    /// The invites of `event_id` when `caller` runs it; none of another organizer's.
    async fn get_invites(
        &self,
        caller: Organizer,
        event_id: String,
        status: Option<InviteStatus>,
    ) -> Result<GetInvitesResponse, ServerError> {
        if self.events.get(&event_id) != Some(&caller) {
            return Ok(GetInvitesResponse::Ok(Vec::new()));
        }
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
