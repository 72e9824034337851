//! The generated crate, compiled and used as a downstream crate would: the seeds' concrete
//! examples deserialise into the generated types with their values, and every seed endpoint
//! builds the request the docs show.

mod common;

use common::*;
use graph_models::endpoints::{AddAccount, AddWebAccounts, CreateAccount, CreateProfile, CreateUserAccountInformation};
use graph_models::models::{AllowedAudiences, Profile, UserAccountInformation, WebAccount};
use graph_models::runtime::ResponseError;

const BASE: &str = "https://graph.microsoft.com/v1.0";

fn seed_001_bodies() -> (serde_json::Value, serde_json::Value) {
    let (request, response) = example_bodies(&doc("001_80bea5d8a108aa88.txt"));
    (
        lenient_json(&request.expect("seed 001 has a request body")),
        lenient_json(&response.expect("seed 001 has a response body")),
    )
}

#[test]
fn seed_001_response_deserialises_with_its_values() {
    let (_, response) = seed_001_bodies();
    let account: UserAccountInformation = serde_json::from_value(response.clone()).expect("seed 001 response");
    assert_eq!(account.id.as_deref(), Some("0fb4c1e3-c1e3-0fb4-e3c1-b40fe3c1b40f"));
    let created_by = account.created_by.as_ref().expect("createdBy");
    let user = created_by.user.as_ref().expect("createdBy.user");
    assert_eq!(user.display_name.as_deref(), Some("Innocenty Popov"));
    assert_eq!(user.id.as_deref(), Some("db789417-4ccb-41d1-a0a9-47b01a09ea49"));
    assert!(created_by.application.is_none() && created_by.device.is_none());
    assert_eq!(account.allowed_audiences, Some(AllowedAudiences::Organization));
    assert_eq!(account.age_group.as_deref(), Some("adult"));
    assert_eq!(account.country_code.as_deref(), Some("NO"));
    assert_eq!(account.user_principal_name.as_deref(), Some("innocenty.popov@adventureworks.com"));
    let created = account.created_date_time.expect("createdDateTime");
    assert_eq!(created.to_rfc3339(), "2020-07-06T06:34:12.229486800+00:00");
    assert!(account.inference.is_none() && account.source.is_none() && account.preferred_language_tag.is_none());
    // Every key landed in a declared field: nothing in the catch-all map.
    assert!(account.additional_data.is_empty(), "{:?}", account.additional_data);
    assert!(created_by.additional_data.is_empty() && user.additional_data.is_empty());
}

#[test]
fn seed_001_request_round_trips_through_the_model() {
    let (request, _) = seed_001_bodies();
    let body: UserAccountInformation = serde_json::from_value(request.clone()).expect("seed 001 request");
    assert_eq!(body.allowed_audiences, Some(AllowedAudiences::Organization));
    assert_eq!(body.country_code.as_deref(), Some("NO"));
    assert_eq!(serde_json::to_value(&body).unwrap(), request);
}

#[test]
fn seed_004_response_with_its_odd_odata_type_deserialises() {
    let (_, response) = example_bodies(&doc("004_e45f48337745c309.txt"));
    let profile: Profile = serde_json::from_value(lenient_json(&response.expect("body"))).expect("seed 004 response");
    assert_eq!(profile.id.as_deref(), Some("1736e66d-e66d-1736-6de6-36176de63617"));
    assert_eq!(profile.odata_type.as_deref(), Some("#Microsoft.Fast.PI.ViewGenerator.V2.Profile.Models.profile"));
}

#[test]
fn an_enum_value_added_later_survives_a_round_trip() {
    let v: AllowedAudiences = serde_json::from_value(serde_json::json!("partnerOrganizations")).unwrap();
    assert_eq!(v, AllowedAudiences::Other("partnerOrganizations".into()));
    assert_eq!(serde_json::to_value(&v).unwrap(), serde_json::json!("partnerOrganizations"));
}

fn body_json(req: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(req.body()).expect("request body is JSON")
}

#[test]
fn every_seed_endpoint_builds_its_request() {
    let account = UserAccountInformation {
        allowed_audiences: Some(AllowedAudiences::Organization),
        country_code: Some("NO".into()),
        ..Default::default()
    };
    let expected_body = serde_json::json!({"allowedAudiences": "organization", "countryCode": "NO"});

    let req = CreateAccount::me(BASE, &account).build().unwrap();
    assert_eq!(req.method(), http::Method::POST);
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/me/profile/account");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(body_json(&req), expected_body);

    let req =
        CreateAccount::users(&format!("{BASE}/"), "innocenty.popov@adventureworks.com", &account).build().unwrap();
    assert_eq!(req.method(), http::Method::POST);
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/users/innocenty.popov@adventureworks.com/profile/account");
    assert_eq!(body_json(&req), expected_body);

    // Path parameters are percent-encoded: a slash or space cannot change the path.
    let req = CreateUserAccountInformation::user(BASE, "a b/c", &account).build().unwrap();
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/user/a%20b%2Fc/profile/account");
    assert_eq!(body_json(&req), expected_body);

    let req = AddAccount::me(BASE, &account).build().unwrap();
    assert_eq!(req.method(), http::Method::POST);
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/me/profile/account/$ref");

    let web = WebAccount {
        user_id: Some("innocenty".into()),
        web_url: Some("https://example.com/me".into()),
        ..Default::default()
    };
    let req = AddWebAccounts::me(BASE, &web).build().unwrap();
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/me/profile/webAccounts/$ref");
    assert_eq!(body_json(&req), serde_json::json!({"userId": "innocenty", "webUrl": "https://example.com/me"}));

    let req = CreateProfile::user(BASE, "u1", &Profile::default()).build().unwrap();
    assert_eq!(req.method(), http::Method::POST);
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/user/u1/profile");
    assert_eq!(body_json(&req), serde_json::json!({}));

    // The headers the page documents are builder methods; a documented one replaces the default.
    let req = CreateAccount::me(BASE, &account)
        .header_authorization("Bearer t")
        .header_content_type("application/json; charset=utf-8")
        .query("$select", "id,countryCode")
        .build()
        .unwrap();
    assert_eq!(req.headers()["authorization"], "Bearer t");
    assert_eq!(req.headers()["content-type"], "application/json; charset=utf-8");
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/me/profile/account?$select=id,countryCode");

    assert_eq!(CreateAccount::METHOD, "POST");
    assert_eq!(CreateAccount::SUCCESS_STATUS, 201);
    assert_eq!(CreateAccount::PATHS, ["/me/profile/account", "/users/{id | userPrincipalName}/profile/account"]);
}

#[test]
fn responses_parse_into_the_model_or_a_typed_error() {
    let (_, response) = seed_001_bodies();
    let ok = http::Response::builder().status(201).body(serde_json::to_vec(&response).unwrap()).unwrap();
    let account = CreateAccount::parse_response(ok).expect("201 with the documented body");
    assert_eq!(account.created_by.unwrap().user.unwrap().display_name.as_deref(), Some("Innocenty Popov"));

    let error = serde_json::json!({"error": {"code": "Request_ResourceNotFound", "message": "Resource 'x' does not exist.", "innerError": {"request-id": "r1"}}});
    let not_found = http::Response::builder().status(404).body(serde_json::to_vec(&error).unwrap()).unwrap();
    match CreateAccount::parse_response(not_found) {
        Err(ResponseError::Graph { status, error }) => {
            assert_eq!(status, 404);
            assert_eq!(error.code, "Request_ResourceNotFound");
            assert_eq!(error.message, "Resource 'x' does not exist.");
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
}
