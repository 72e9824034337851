//! The five seed pages give the schema the project was founded on: every type, property,
//! property type, enum member, base type and endpoint, checked one by one.

mod common;

use common::*;
use docs_codegen::ir::{Schema, TypeKind};
use docs_codegen::Code;

fn seeds() -> Schema {
    docs_codegen::build_schema(&docs_sources())
}

fn own(v: &[(&str, &str)]) -> Vec<(String, String, bool)> {
    v.iter().map(|(n, t)| (n.to_string(), t.to_string(), false)).collect()
}

#[test]
fn base_chain_user_account_information_item_facet_entity() {
    let s = seeds();
    let uai = ty(&s, "microsoft.graph.userAccountInformation");
    assert_eq!(uai.kind, TypeKind::Entity);
    assert_eq!(uai.base.as_deref(), Some("microsoft.graph.itemFacet"));
    let web = ty(&s, "microsoft.graph.webAccount");
    assert_eq!(web.base.as_deref(), Some("microsoft.graph.itemFacet"));
    let facet = ty(&s, "microsoft.graph.itemFacet");
    assert_eq!(facet.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(facet.kind, TypeKind::Entity);
    let entity = ty(&s, "microsoft.graph.entity");
    assert_eq!(entity.base, None);
    assert_eq!(shape(entity), own(&[("id", "Edm.String")]));
}

#[test]
fn properties_sit_on_the_type_that_declares_them() {
    let s = seeds();
    let facet = ty(&s, "microsoft.graph.itemFacet");
    let mut names: Vec<_> = shape(facet);
    names.sort();
    let mut want = own(&[
        ("allowedAudiences", "microsoft.graph.allowedAudiences"),
        ("createdBy", "microsoft.graph.identitySet"),
        ("createdDateTime", "Edm.DateTimeOffset"),
        ("inference", "microsoft.graph.inferenceData"),
        ("lastModifiedBy", "microsoft.graph.identitySet"),
        ("lastModifiedDateTime", "Edm.DateTimeOffset"),
        ("source", "microsoft.graph.personDataSource"),
    ]);
    want.sort();
    assert_eq!(names, want);

    let uai = ty(&s, "microsoft.graph.userAccountInformation");
    let mut names = shape(uai);
    names.sort();
    let mut want = own(&[
        ("ageGroup", "Edm.String"),
        ("countryCode", "Edm.String"),
        ("preferredLanguageTag", "microsoft.graph.localeInfo"),
        ("userPrincipalName", "Edm.String"),
    ]);
    want.sort();
    assert_eq!(names, want);

    let web = ty(&s, "microsoft.graph.webAccount");
    let mut names = shape(web);
    names.sort();
    let mut want = own(&[
        ("description", "Edm.String"),
        ("service", "microsoft.graph.serviceInformation"),
        ("statusMessage", "Edm.String"),
        ("userId", "Edm.String"),
        ("webUrl", "Edm.String"),
    ]);
    want.sort();
    assert_eq!(names, want);

    // profile is an entity (POST creates it, 201) that no page gives a base: it derives from
    // the root of the hierarchy, the type that the key's "Inherited from" rows name (entity),
    // and its `id` row is the root's.
    let profile = ty(&s, "microsoft.graph.profile");
    assert_eq!(profile.kind, TypeKind::Entity);
    assert_eq!(profile.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(shape(profile), own(&[]));
}

#[test]
fn allowed_audiences_is_an_enum_named_where_the_docs_name_it() {
    let s = seeds();
    let e = ty(&s, "microsoft.graph.allowedAudiences");
    assert_eq!(e.kind, TypeKind::Enum);
    assert!(!e.flags);
    let members: Vec<_> = e.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        members,
        [
            "me",
            "family",
            "contacts",
            "groupMembers",
            "organization",
            "federatedOrganizations",
            "everyone",
            "unknownFutureValue"
        ]
    );
    // The conflict (allowedAudiences / String / Enumeration) is reported, naming both places.
    let conflicts: Vec<_> = s
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Conflict && d.message.contains("itemFacet.allowedAudiences"))
        .collect();
    let files: Vec<_> = conflicts.iter().map(|d| d.file.as_str()).collect();
    assert!(files.contains(&"docs/001_80bea5d8a108aa88.txt"), "{conflicts:#?}");
    assert!(files.contains(&"docs/002_b1241f6da8fd8cb5.txt"), "{conflicts:#?}");
    assert!(conflicts.iter().all(|d| d.message.contains("docs/000_ab44d0b31e107d6d.txt:")), "{conflicts:#?}");
}

#[test]
fn types_known_only_from_examples() {
    let s = seeds();
    let id_set = ty(&s, "microsoft.graph.identitySet");
    assert_eq!(id_set.kind, TypeKind::Complex);
    let mut got = shape(id_set);
    got.sort();
    assert_eq!(
        got,
        own(&[
            ("application", "microsoft.graph.identity"),
            ("device", "microsoft.graph.identity"),
            ("user", "microsoft.graph.identity"),
        ])
    );
    let identity = ty(&s, "microsoft.graph.identity");
    assert_eq!(identity.kind, TypeKind::Complex);
    let mut got = shape(identity);
    got.sort();
    assert_eq!(got, own(&[("displayName", "Edm.String"), ("id", "Edm.String")]));
    let inference = ty(&s, "microsoft.graph.inferenceData");
    assert_eq!(shape(inference), own(&[("confidenceScore", "Edm.Double"), ("userHasVerifiedAccuracy", "Edm.Boolean")]));
    assert_eq!(shape(ty(&s, "microsoft.graph.localeInfo")), own(&[("locale", "Edm.String")]));
    let service = ty(&s, "microsoft.graph.serviceInformation");
    assert_eq!(shape(service), own(&[("name", "Edm.String"), ("webUrl", "Edm.String")]));
    let source = ty(&s, "microsoft.graph.personDataSource");
    assert_eq!(source.kind, TypeKind::Complex);
    assert!(source.properties.is_empty());
}

#[test]
fn endpoints_of_every_seed() {
    let s = seeds();
    let got: Vec<_> = s
        .endpoints
        .iter()
        .map(|e| {
            (
                e.method.as_str(),
                e.paths.clone(),
                e.request_body.as_ref().map(|b| (b.type_name.as_str(), b.collection)),
                e.response_body.as_ref().map(|b| (b.type_name.as_str(), b.collection)),
                e.success_status,
            )
        })
        .collect();
    let uai = Some(("microsoft.graph.userAccountInformation", false));
    let web = Some(("microsoft.graph.webAccount", false));
    let profile = Some(("microsoft.graph.profile", false));
    let want = vec![
        (
            "POST",
            vec!["/me/profile/account".to_string(), "/users/{id | userPrincipalName}/profile/account".to_string()],
            uai,
            uai,
            201,
        ),
        ("POST", vec!["/me/profile/account/$ref".to_string()], uai, uai, 201),
        ("POST", vec!["/me/profile/webAccounts/$ref".to_string()], web, web, 201),
        ("POST", vec!["/user/{userId}/profile/account".to_string()], uai, uai, 201),
        ("POST", vec!["/user/{userId}/profile".to_string()], profile, profile, 201),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort_by(|a, b| a.1.cmp(&b.1));
    let mut want_sorted = want.clone();
    want_sorted.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(got_sorted, want_sorted);
    let names: Vec<_> = s.endpoints.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["add_account", "add_web_accounts", "create_account", "create_profile", "create_user_account_information"]
    );
}

#[test]
fn diagnostics_for_the_seeds_irregularities() {
    let s = seeds();
    let has = |code: Code, file: &str, needle: &str| {
        s.diagnostics.iter().any(|d| d.code == code && d.file.ends_with(file) && d.message.contains(needle))
    };
    // Seed 001's example request ends its object with a trailing comma.
    assert!(has(Code::JsonTrailingComma, "001_80bea5d8a108aa88.txt", "trailing comma"), "{:#?}", s.diagnostics);
    // Seed 004's odd @odata.type maps to profile.
    assert!(has(Code::OddODataType, "004_e45f48337745c309.txt", "microsoft.graph.profile"), "{:#?}", s.diagnostics);
    // Seed 002's and 003's example URLs match none of their templates.
    assert!(has(Code::UrlMismatch, "002_b1241f6da8fd8cb5.txt", "docs\\api/me/profile/account"), "{:#?}", s.diagnostics);
    assert!(has(Code::UrlMismatch, "003_cffcb497cfd3d403.txt", "webAccounts"), "{:#?}", s.diagnostics);
    // Seeds 000 and 001 have example URLs that do match.
    assert!(!s.diagnostics.iter().any(|d| d.code == Code::UrlMismatch
        && (d.file.ends_with("000_ab44d0b31e107d6d.txt") || d.file.ends_with("001_80bea5d8a108aa88.txt"))));
    // Every diagnostic has a real position.
    assert!(s.diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1), "{:#?}", s.diagnostics);
}

#[test]
fn no_placeholder_reaches_a_description() {
    let s = seeds();
    for t in &s.types {
        assert!(!t.description.as_deref().unwrap_or("").contains("TODO"), "{}", t.name);
        for p in &t.properties {
            assert!(!p.description.as_deref().unwrap_or("").to_uppercase().contains("TODO"), "{}.{}", t.name, p.name);
        }
    }
    for e in &s.endpoints {
        assert!(!e.description.as_deref().unwrap_or("").contains("TODO"), "{}", e.name);
        assert!(!e.title.as_deref().unwrap_or("").contains("TODO"), "{}", e.name);
    }
    let facet = ty(&s, "microsoft.graph.itemFacet");
    assert_eq!(
        prop(facet, "inference").description.as_deref(),
        Some("Contains inference detail if the entity is inferred by the creating or modifying application.")
    );
}

#[test]
fn sources_point_at_the_declaring_rows() {
    let s = seeds();
    let uai = ty(&s, "microsoft.graph.userAccountInformation");
    assert!(uai.sources.iter().any(|x| x == "docs/000_ab44d0b31e107d6d.txt:55"), "{:?}", uai.sources);
    let age = prop(uai, "ageGroup");
    assert!(age.sources.contains(&"docs/000_ab44d0b31e107d6d.txt:55".to_string()), "{:?}", age.sources);
}
