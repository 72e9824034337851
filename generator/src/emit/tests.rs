//! Emission tests over a hand-built schema that has every awkward case in it, plus one
//! test that compiles, lints and runs the generated crate.

use super::*;
use crate::ir::{BodyRef, Endpoint, EnumMember, Example, Property, Schema, TypeDef, TypeKind};

/// Descriptions that would break naive code generation or rustdoc.
const HOSTILE: &str = "Ends a comment */ and \"quotes\" it.\ncompile_error!(\"x\");\n\n```rust\nfn main() { panic!() }\n```\n\n    indented code block\n</doc> <b>bold\u{202E} \r\nlast\ttab";

fn prop(name: &str, type_name: &str) -> Property {
    Property {
        name: name.to_string(),
        type_name: type_name.to_string(),
        collection: false,
        nullable: true,
        navigation: false,
        description: None,
        sources: Vec::new(),
    }
}

fn many(name: &str, type_name: &str) -> Property {
    Property { collection: true, ..prop(name, type_name) }
}

fn described(mut p: Property, description: &str) -> Property {
    p.description = Some(description.to_string());
    p
}

fn def(name: &str, kind: TypeKind, base: Option<&str>, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        kind,
        base: base.map(str::to_string),
        is_abstract: false,
        description: None,
        properties,
        members: Vec::new(),
        flags: false,
        sources: Vec::new(),
        area: None,
        any_json: false,
        map_values: None,
    }
}

fn enum_def(name: &str, flags: bool, members: &[&str]) -> TypeDef {
    TypeDef {
        members: members.iter().map(|m| EnumMember { name: m.to_string(), value: None, description: None }).collect(),
        flags,
        ..def(name, TypeKind::Enum, None, Vec::new())
    }
}

fn in_area(area: &str, mut def: TypeDef) -> TypeDef {
    def.area = Some(area.to_string());
    def
}

fn endpoint_in(area: &str, mut endpoint: Endpoint) -> Endpoint {
    endpoint.area = Some(area.to_string());
    endpoint
}

fn body(type_name: &str, collection: bool) -> Option<BodyRef> {
    Some(BodyRef { type_name: type_name.to_string(), collection })
}

fn endpoint(
    name: &str,
    method: &str,
    paths: &[&str],
    request: Option<BodyRef>,
    response: Option<BodyRef>,
    status: u16,
) -> Endpoint {
    Endpoint {
        name: name.to_string(),
        title: None,
        description: None,
        method: method.to_string(),
        paths: paths.iter().map(|p| p.to_string()).collect(),
        request_body: request,
        response_body: response,
        success_status: status,
        sources: Vec::new(),
        area: None,
        query_options: Vec::new(),
        request_headers: Vec::new(),
        example_urls: Vec::new(),
    }
}

const G: &str = "microsoft.graph";

fn q(name: &str) -> String {
    format!("{G}.{name}")
}

fn sample_schema() -> Schema {
    let mut entity = def(&q("entity"), TypeKind::Entity, None, vec![prop("id", "Edm.String")]);
    entity.is_abstract = true;
    let mut item_facet = def(
        &q("itemFacet"),
        TypeKind::Entity,
        Some(&q("entity")),
        vec![
            described(
                prop("allowedAudiences", &q("allowedAudiences")),
                "The audiences that are able to see the values.",
            ),
            prop("inference", &q("inferenceData")),
            prop("createdDateTime", "Edm.DateTimeOffset"),
            prop("createdBy", &q("identitySet")),
            prop("source", &q("personDataSource")),
        ],
    );
    item_facet.is_abstract = true;
    let mut account = def(
        &q("userAccountInformation"),
        TypeKind::Entity,
        Some(&q("itemFacet")),
        vec![
            prop("ageGroup", "Edm.String"),
            prop("countryCode", "Edm.String"),
            prop("preferredLanguageTag", &q("localeInfo")),
            prop("userPrincipalName", "Edm.String"),
            described(prop("id", "Edm.String"), "Redeclared: keeps its place, takes this description."),
        ],
    );
    account.description = Some("Information about a user account.".to_string());

    let mut hostile = def(
        &q("hostile"),
        TypeKind::Complex,
        None,
        vec![described(prop("text", "Edm.String"), HOSTILE), prop("selfRef", &q("hostile"))],
    );
    hostile.description = Some(HOSTILE.to_string());

    let mut audiences = enum_def(
        &q("allowedAudiences"),
        false,
        &[
            "me",
            "family",
            "contacts",
            "groupMembers",
            "organization",
            "federatedOrganizations",
            "everyone",
            "unknownFutureValue",
            "other",
            "Self",
            "me",
            "2fa",
            "none",
            "quo\"te\\\u{202E}",
        ],
    );
    audiences.members[1].description = Some(HOSTILE.to_string());

    let mut tree = def(
        &q("treeNode"),
        TypeKind::Complex,
        None,
        vec![prop("name", "Edm.String"), prop("parent", &q("treeNode")), many("children", &q("treeNode"))],
    );
    tree.properties[2].navigation = true;

    let mut any_json = def(&q("Json"), TypeKind::Complex, None, Vec::new());
    any_json.any_json = true;
    let mut checklist = def(&q("checklistItems"), TypeKind::Complex, None, Vec::new());
    checklist.map_values = Some(q("localeInfo"));
    let mut user_ids = def(&q("userIds"), TypeKind::Complex, None, Vec::new());
    user_ids.map_values = Some("Edm.Boolean".to_string());
    let task_details = def(
        &q("taskDetails"),
        TypeKind::Complex,
        None,
        vec![prop("checklist", &q("checklistItems")), prop("sharedWith", &q("userIds")), prop("values", &q("Json"))],
    );

    let types = vec![
        any_json,
        checklist,
        user_ids,
        task_details,
        hostile,
        entity,
        item_facet,
        account,
        def(
            &q("identitySet"),
            TypeKind::Complex,
            None,
            vec![prop("application", &q("identity")), prop("user", &q("identity"))],
        ),
        def(&q("identity"), TypeKind::Complex, None, vec![prop("displayName", "Edm.String"), prop("id", "Edm.String")]),
        def(
            &q("inferenceData"),
            TypeKind::Complex,
            None,
            vec![prop("confidenceScore", "Edm.Double"), prop("userHasVerifiedAccuracy", "Edm.Boolean")],
        ),
        def(
            &q("localeInfo"),
            TypeKind::Complex,
            None,
            vec![prop("locale", "Edm.String"), prop("displayName", "Edm.String")],
        ),
        audiences,
        enum_def(&q("dayFlags"), true, &["sunday", "monday", "type", "other", "sunday"]),
        enum_def(&q("emptyEnum"), false, &[]),
        enum_def(&q("emptyFlags"), true, &[]),
        // Members long enough to break their match arms (see `text_items_are_laid_out_as_prettyplease_would`).
        enum_def(&q("longMembers"), false, &["aMemberWithANameLongEnoughToBreakItsArm", "short"]),
        enum_def(&q("longFlags"), true, &["aFlagWithANameLongEnoughToBreakItsMatchArmForSure", "short"]),
        tree,
        def(&q("ping"), TypeKind::Complex, None, vec![prop("pong", &q("pong"))]),
        def(&q("pong"), TypeKind::Complex, None, vec![prop("ping", &q("ping")), many("pings", &q("ping"))]),
        def(&q("holder"), TypeKind::Complex, None, vec![prop("ping", &q("ping"))]),
        def(
            &q("keywords"),
            TypeKind::Complex,
            None,
            vec![
                prop("type", "Edm.String"),
                prop("match", "Edm.String"),
                prop("async", "Edm.String"),
                prop("gen", "Edm.String"),
                prop("self", "Edm.String"),
                prop("displayName", "Edm.String"),
                prop("DisplayName", "Edm.String"),
                prop("display_name", "Edm.String"),
                prop("@odata.type", "Edm.String"),
                prop("additionalData", "Edm.String"),
                prop("displayName@odata.bind", "Edm.String"),
                prop("2faEnabled", "Edm.Boolean"),
                prop("", "Edm.String"),
                prop("größe", "Edm.Int32"),
                prop("we\"ird\\name\u{202E}", "Edm.String"),
                prop("kind", &q("dayFlags")),
            ],
        ),
        def(&q("fooBar"), TypeKind::Complex, None, vec![prop("a", "Edm.String")]),
        def(&q("FooBar"), TypeKind::Complex, None, vec![prop("b", "Edm.String")]),
        def(&q("string"), TypeKind::Complex, None, vec![prop("value", "Edm.String")]),
        def(&q("option"), TypeKind::Complex, None, vec![prop("value", &q("string"))]),
        def(&q("result"), TypeKind::Complex, None, vec![prop("ok", "Edm.Boolean")]),
        def(
            &q("primitives"),
            TypeKind::Complex,
            None,
            vec![
                prop("s", "Edm.String"),
                prop("b", "Edm.Boolean"),
                prop("i32", "Edm.Int32"),
                prop("i64", "Edm.Int64"),
                prop("i16", "Edm.Int16"),
                prop("u8", "Edm.Byte"),
                prop("i8", "Edm.SByte"),
                prop("f64", "Edm.Double"),
                prop("f32", "Edm.Single"),
                prop("dec", "Edm.Decimal"),
                prop("when", "Edm.DateTimeOffset"),
                prop("day", "Edm.Date"),
                prop("time", "Edm.TimeOfDay"),
                prop("span", "Edm.Duration"),
                prop("guid", "Edm.Guid"),
                prop("bytes", "Edm.Binary"),
                prop("stream", "Edm.Stream"),
                prop("any", "Edm.Untyped"),
                prop("geo", "Edm.GeographyPoint"),
                prop("missing", &q("doesNotExist")),
                many("tags", "Edm.String"),
                many("audiences", &q("allowedAudiences")),
                prop("bare", "localeInfo"),
            ],
        ),
        def(
            "microsoft.graph.callRecords.callRecord",
            TypeKind::Entity,
            Some(&q("entity")),
            vec![prop("organizer", &q("identitySet")), many("sessions", "microsoft.graph.callRecords.session")],
        ),
        def(
            "microsoft.graph.callRecords.session",
            TypeKind::Entity,
            Some(&q("entity")),
            vec![prop("callee", &q("identity"))],
        ),
        def("type.widget", TypeKind::Complex, None, vec![prop("size", "Edm.Int32")]),
        def("models.thing", TypeKind::Complex, None, vec![prop("widget", "type.widget")]),
        // Two areas that refer to each other, unfiled types that one of them or both use, and
        // an area enum.
        in_area(
            "mail",
            def(
                &q("message"),
                TypeKind::Entity,
                Some(&q("entity")),
                vec![
                    prop("subject", "Edm.String"),
                    prop("aPropertyWithANameLongEnoughToBreakItsMoveInThePatchStruct", "Edm.String"),
                    prop("sender", &q("contact")),
                    many("replyTo", &q("contact")),
                    prop("importance", &q("importance")),
                    prop("flag", &q("followupFlag")),
                    prop("from", &q("emailAddress")),
                    prop("createdBy", &q("identitySet")),
                    Property { navigation: true, ..many("attachments", &q("message")) },
                ],
            ),
        ),
        in_area("mail", enum_def(&q("importance"), false, &["low", "normal", "high"])),
        // Long names: a derived type whose lines in its base's polymorphic enum break (and a
        // property of `message` whose move in the patch struct does; see
        // `text_items_are_laid_out_as_prettyplease_would`).
        in_area("mail", def(&q("aBase"), TypeKind::Complex, None, vec![prop("name", "Edm.String")])),
        in_area(
            "mail",
            def(
                &q("aDerivedMessageTypeWithANameLongEnoughToBreakTheLinesOfItsBaseEnum"),
                TypeKind::Complex,
                Some(&q("aBase")),
                vec![prop("size", "Edm.Int32")],
            ),
        ),
        // Long names: a struct whose every line breaks (see `text_items_are_laid_out_as_prettyplease_would`).
        in_area(
            "mail",
            def(
                &q("aTypeWithANameLongEnoughToBreakTheHeaderOfItsUnknownKeysImplementation"),
                TypeKind::Complex,
                None,
                vec![
                    many("aVeryLongCollectionOfContactsFromAnotherAreaWithAVeryLongName", &q("contact")),
                    prop("anotherVeryLongPropertyNameHoldingAMessageFromTheMailArea", &q("message")),
                ],
            ),
        ),
        in_area(
            "identity-and-sign-in",
            def(
                &q("contact"),
                TypeKind::Entity,
                Some(&q("entity")),
                vec![
                    prop("displayName", "Edm.String"),
                    prop("latestMessage", &q("message")),
                    prop("email", &q("emailAddress")),
                    prop("importance", &q("importance")),
                ],
            ),
        ),
        def(
            &q("followupFlag"),
            TypeKind::Complex,
            None,
            vec![prop("status", "Edm.String"), prop("dueDateTime", &q("dateTimeTimeZone"))],
        ),
        def(&q("dateTimeTimeZone"), TypeKind::Complex, None, vec![prop("dateTime", "Edm.String")]),
        def(&q("emailAddress"), TypeKind::Complex, None, vec![prop("address", "Edm.String")]),
        // Takes the name the patch struct of `keywords` would get.
        def(&q("keywordsPatch"), TypeKind::Complex, None, vec![prop("note", "Edm.String")]),
    ];

    let mut create = endpoint(
        "create_user_account_information",
        "POST",
        &["/me/profile/account", "/users/{id | userPrincipalName}/profile/account"],
        body(&q("userAccountInformation"), false),
        body(&q("userAccountInformation"), false),
        201,
    );
    create.title = Some("Create userAccountInformation".to_string());
    create.description = Some("Create a new userAccountInformation object in a user's profile.".to_string());
    let mut hostile_endpoint =
        endpoint("hostile_docs", "GET", &["/me/`odd`/{a`b}"], None, body(&q("hostile"), false), 200);
    hostile_endpoint.title = Some(HOSTILE.to_string());
    hostile_endpoint.description = Some(HOSTILE.to_string());
    // Long names and paths, many parameters, and bodies in two other areas than its own: every
    // layout the endpoint files break lines for (see `text_items_are_laid_out_as_prettyplease_would`).
    let mut long_endpoint = endpoint_in(
        "reports",
        endpoint(
            "forward_a_contact_to_the_recipients_of_messages_with_a_rather_long_operation_name",
            "POST",
            &["/me/a/{a}/b/{b}/c/{c}/d/{d}/e/{e}/f/{f}/g/{g}/forward/aVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryLongLiteralSegment"],
            body(&q("contact"), false),
            body(&q("message"), true),
            200,
        ),
    );
    long_endpoint.query_options = vec!["$select".to_string(), "$top".to_string()];
    long_endpoint.request_headers = vec!["Prefer".to_string(), "X-A-Very-Long-Header-Name-That-Goes-On".to_string()];
    let mut endpoints = vec![
        create,
        endpoint(
            "add_account_ref",
            "POST",
            &["/me/profile/account/$ref", "/users/{id | userPrincipalName}/profile/account/$ref"],
            body(&q("userAccountInformation"), false),
            None,
            204,
        ),
        endpoint(
            "list_accounts",
            "GET",
            &["/me/profile/account", "/users/{id}/profile/account"],
            None,
            body(&q("userAccountInformation"), true),
            200,
        ),
        endpoint("listAccounts", "GET", &["/me/accounts"], None, body(&q("userAccountInformation"), true), 200),
        endpoint("delete_account", "DELETE", &["/me/profile/account/{id}"], None, None, 204),
        endpoint(
            "update_account",
            "PATCH",
            &["/me/profile/account/{id}"],
            body(&q("userAccountInformation"), false),
            None,
            204,
        ),
        endpoint("get_photo_value", "GET", &["/me/photo/$value"], None, body("Edm.Stream", false), 200),
        endpoint("update_photo_value", "PUT", &["/me/photo/$value"], body("Edm.Stream", false), None, 204),
        endpoint(
            "update_deep_field",
            "PATCH",
            &["/sites/{site-id}/lists/{list-id}/items/{item-id}/versions/{version-id}/fields/{a}/{b}/{c}"],
            body(&q("keywords"), false),
            body(&q("keywords"), false),
            200,
        ),
        endpoint("add_tags", "POST", &["/me/tags"], body("Edm.String", true), body("Edm.Boolean", false), 200),
        endpoint("set_name", "PUT", &["/me/name"], body("Edm.String", false), None, 204),
        endpoint(
            "calendar_view",
            "GET",
            &[
                "/me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}",
                "/groups/{id}/events/{id}/instances",
            ],
            None,
            body(&q("event"), true),
            200,
        ),
        endpoint("default", "GET", &["/"], None, body("Edm.Untyped", false), 200),
        endpoint("no_paths", "GET", &[], None, None, 200),
        hostile_endpoint,
        endpoint_in("mail", endpoint("list_messages", "GET", &["/me/messages"], None, body(&q("message"), true), 200)),
        endpoint_in(
            "mail",
            endpoint(
                "forward_to_contact",
                "POST",
                &["/me/messages/{id}/forward"],
                body(&q("contact"), false),
                body(&q("message"), false),
                200,
            ),
        ),
        endpoint_in(
            " Identity-and-Sign-In ",
            endpoint("get_contact", "GET", &["/me/contacts/{id}"], None, body(&q("contact"), false), 200),
        ),
        endpoint_in(
            "mail",
            endpoint("update_message", "PATCH", &["/me/messages/{id}"], body(&q("message"), false), None, 200),
        ),
        endpoint("search_messages", "GET", &["/search/messages"], None, body(&q("message"), true), 200),
        endpoint_in(
            "reports",
            endpoint("get_report", "GET", &["/reports/{name}"], None, body("Edm.Stream", false), 200),
        ),
        long_endpoint,
    ];
    endpoints.sort_by(|a, b| a.name.cmp(&b.name));
    let mut types = types;
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let example = |type_name: &str, collection: bool, value: serde_json::Value, outcome: (bool, bool)| Example {
        type_name: q(type_name),
        collection,
        source: "docs/x.md:1".to_string(),
        value,
        deserializes: outcome.0,
        fully_typed: outcome.1,
        reasons: Vec::new(),
    };
    let examples = vec![
        example(
            "userAccountInformation",
            false,
            serde_json::json!({"id": "1", "countryCode": "NO", "createdDateTime": "2020-07-06T06:34:12.2294868Z", "inference": null}),
            (true, true),
        ),
        example("userAccountInformation", false, serde_json::json!({"id": "1", "undocumented": 1}), (true, false)),
        example("userAccountInformation", false, serde_json::json!({"countryCode": 7}), (false, false)),
        // A page of the abstract base, read through its enum as the derived type named.
        example(
            "itemFacet",
            true,
            serde_json::json!({"@odata.nextLink": "https://x/next", "value": [
                {"@odata.type": "#microsoft.graph.userAccountInformation", "id": "1", "ageGroup": "adult"}
            ]}),
            (true, true),
        ),
    ];
    Schema { types, endpoints, diagnostics: Vec::new(), examples }
}

fn emitted() -> GeneratedCrate {
    match emit_crate(&sample_schema(), &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(e) => panic!("emission failed: {e}"),
    }
}

fn file<'a>(generated: &'a GeneratedCrate, path: &str) -> &'a str {
    match generated.files.get(path) {
        Some(text) => text,
        None => panic!("no {path}; files: {:?}", generated.files.keys().collect::<Vec<_>>()),
    }
}

/// Whether `code` holds `needle`, whitespace aside (prettyplease decides where lines break).
fn has_code(code: &str, needle: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squash(code).contains(&squash(needle))
}

/// The text of the item that starts with `start` (up to the next blank-line-separated item).
/// The text from `start` up to the next `end` after it (or to the end of `text`).
fn span<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let Some(at) = text.find(start) else { panic!("no `{start}` in:\n{text}") };
    let rest = &text[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The `Serialize`, `Deserialize` and `Object` impls of struct `name` (and what follows them
/// up to the next `UnknownKeys` impl).
fn json_impls<'a>(text: &'a str, name: &str) -> &'a str {
    span(text, &format!("impl serde::Serialize for {name} {{"), "impl crate::runtime::UnknownKeys")
}

fn item<'a>(text: &'a str, start: &str) -> &'a str {
    let Some(at) = text.find(start) else { panic!("no `{start}` in:\n{text}") };
    let rest = &text[at..];
    let end = rest.find("\n}\n").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

#[test]
fn crate_layout() {
    let generated = emitted();
    let paths: Vec<&str> = generated.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            ".gitignore",
            "Cargo.toml",
            "rustfmt.toml",
            "src/endpoints.rs",
            "src/endpoints/common.rs",
            "src/endpoints/identity_and_sign_in.rs",
            "src/endpoints/mail.rs",
            "src/endpoints/reports.rs",
            "src/lib.rs",
            "src/models.rs",
            "src/models/microsoft_graph.rs",
            "src/models/microsoft_graph/common.rs",
            "src/models/microsoft_graph/identity_and_sign_in.rs",
            "src/models/microsoft_graph/mail.rs",
            "src/models/microsoft_graph_call_records.rs",
            "src/models/microsoft_graph_call_records/common.rs",
            "src/models/models_2.rs",
            "src/models/models_2/common.rs",
            "src/models/type.rs",
            "src/models/type/common.rs",
            "src/runtime.rs",
            "tests/examples.json",
            "tests/examples.rs",
        ]
    );
    let manifest = file(&generated, "Cargo.toml");
    assert!(manifest.starts_with("# Generated by docs-codegen"));
    assert!(manifest.contains("name = \"graph-models\"") && manifest.contains("\n[workspace]\n"));
    for (path, text) in &generated.files {
        if path.ends_with(".rs") {
            assert!(text.starts_with("// @generated by docs-codegen"), "{path}");
        }
    }
    let models = file(&generated, "src/models.rs");
    assert!(models.contains("pub mod microsoft_graph;"));
    assert!(models.contains("pub mod r#type;"));
    assert!(models.contains("#[allow(unused_imports)]\npub use self::microsoft_graph::*;"));
}

#[test]
fn the_parts_of_a_split_area_are_features_its_own_feature_turns_on() {
    let schema = Schema {
        types: vec![
            in_area("intune/apps", def(&q("mobileApp"), TypeKind::Entity, None, vec![prop("id", "Edm.String")])),
            in_area(
                "intune/deviceconfig",
                def(&q("deviceConfiguration"), TypeKind::Entity, None, vec![prop("app", &q("mobileApp"))]),
            ),
            in_area("intune", def(&q("deviceManagement"), TypeKind::Entity, None, vec![prop("id", "Edm.String")])),
        ],
        endpoints: vec![endpoint_in(
            "intune/apps",
            endpoint(
                "get_mobile_app",
                "GET",
                &["/deviceAppManagement/mobileApps/{id}"],
                None,
                body(&q("mobileApp"), false),
                200,
            ),
        )],
        ..Schema::default()
    };
    let generated = match emit_crate(&schema, &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(e) => panic!("emission failed: {e}"),
    };
    let manifest = file(&generated, "Cargo.toml");
    assert!(
        manifest.contains(
            "full = [\n    \"intune\",\n    \"intune-apps\",\n    \"intune-deviceconfig\",\n]\n\
             intune = [\n    \"intune-apps\",\n    \"intune-deviceconfig\",\n]\nintune-apps = []\nintune-deviceconfig = []\n"
        ),
        "{manifest}"
    );
    // Each part is a module of its own, behind its own feature.
    let namespace = file(&generated, "src/models/microsoft_graph.rs");
    assert!(has_code(
        namespace,
        "#[cfg(feature = \"intune-apps\")]\n#[allow(unused_imports)]\npub use self::intune_apps::*;"
    ));
    assert!(has_code(namespace, "#[cfg(feature = \"intune\")]\n#[allow(unused_imports)]\npub use self::intune::*;"));
    assert!(has_code(file(&generated, "src/models/microsoft_graph/intune_apps.rs"), "pub struct MobileApp {"));
    assert!(generated.files.contains_key("src/endpoints/intune_apps.rs"));
    // A field whose type is in another part needs that part's feature.
    let config =
        item(file(&generated, "src/models/microsoft_graph/intune_deviceconfig.rs"), "pub struct DeviceConfiguration {");
    assert!(has_code(config, "#[cfg(feature = \"intune-apps\")]"), "{config}");
    let lib = file(&generated, "src/lib.rs");
    assert!(lib.contains("`intune` (and its parts: `intune-apps`, `intune-deviceconfig`) | 1 | 0 |"), "{lib}");
    assert!(lib.contains("is split into them, a feature each; the area's own feature turns them all on."), "{lib}");
    assert!(!file(&emitted(), "src/lib.rs").contains("is split into them"), "only when an area is split");
}

/// An area with most of the crate's weight: two kinds of configuration sharing a base, an
/// assignment entity, complex types and enums only one kind uses, one both use, one none uses.
fn heavy_area_schema() -> Schema {
    let devices = |d| in_area("devices", d);
    Schema {
        types: vec![
            devices(def(
                &q("deviceConfiguration"),
                TypeKind::Entity,
                None,
                vec![prop("id", "Edm.String"), many("assignments", &q("deviceConfigurationAssignment"))],
            )),
            devices(def(
                &q("deviceConfigurationAssignment"),
                TypeKind::Entity,
                None,
                vec![prop("target", "Edm.String")],
            )),
            devices(def(
                &q("windowsConfiguration"),
                TypeKind::Entity,
                Some(&q("deviceConfiguration")),
                vec![prop("schedule", &q("windowsSchedule")), prop("day", &q("dayOfWeek"))],
            )),
            devices(def(
                &q("iosConfiguration"),
                TypeKind::Entity,
                Some(&q("deviceConfiguration")),
                vec![prop("day", &q("dayOfWeek")), prop("passcode", "Edm.Int32")],
            )),
            devices(def(&q("windowsSchedule"), TypeKind::Complex, None, vec![prop("kind", &q("scheduleKind"))])),
            devices(enum_def(&q("scheduleKind"), false, &["daily", "weekly", "monthly"])),
            devices(enum_def(&q("dayOfWeek"), false, &["monday", "tuesday", "wednesday", "thursday", "friday"])),
            devices(def(&q("unusedSetting"), TypeKind::Complex, None, vec![prop("name", "Edm.String")])),
            // Heavy too, but one entity: nothing to split it into.
            in_area(
                "teams",
                def(&q("team"), TypeKind::Entity, None, (0..8).map(|i| prop(&format!("p{i}"), "Edm.String")).collect()),
            ),
            in_area("mail", def(&q("message"), TypeKind::Entity, None, vec![prop("subject", "Edm.String")])),
        ],
        endpoints: vec![
            endpoint_in(
                "devices",
                endpoint(
                    "list_configurations",
                    "GET",
                    &["/deviceManagement/deviceConfigurations"],
                    None,
                    body(&q("deviceConfiguration"), true),
                    200,
                ),
            ),
            endpoint_in(
                "devices",
                endpoint(
                    "update_windows_configuration",
                    "PATCH",
                    &["/deviceManagement/deviceConfigurations/{id}"],
                    body(&q("windowsConfiguration"), false),
                    None,
                    204,
                ),
            ),
            endpoint_in(
                "devices",
                endpoint("reprovision", "POST", &["/deviceManagement/reprovision"], None, None, 204),
            ),
        ],
        ..Schema::default()
    }
}

#[test]
fn a_heavy_area_is_split_into_a_group_per_entity_and_a_shared_one() {
    let generated = match emit_crate(&heavy_area_schema(), &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(e) => panic!("emission failed: {e}"),
    };
    let manifest = file(&generated, "Cargo.toml");
    // The area's feature turns on all its groups; each group those its types refer to (the
    // base's, the assignment's through an inherited relationship, the shared enum's).
    assert!(
        manifest.contains(
            "devices = [\n    \"devices-device-configuration\",\n    \"devices-device-configuration-assignment\",\n    \
             \"devices-ios-configuration\",\n    \"devices-shared\",\n    \"devices-windows-configuration\",\n]\n\
             devices-device-configuration = [\n    \"devices-device-configuration-assignment\",\n]\n\
             devices-device-configuration-assignment = []\n\
             devices-ios-configuration = [\n    \"devices-device-configuration\",\n    \
             \"devices-device-configuration-assignment\",\n    \"devices-shared\",\n]\n\
             devices-shared = []\n\
             devices-windows-configuration = [\n    \"devices-device-configuration\",\n    \
             \"devices-device-configuration-assignment\",\n    \"devices-shared\",\n]\n"
        ),
        "{manifest}"
    );
    assert!(manifest.contains("# An area too heavy for one feature is split into groups"), "{manifest}");
    // Heavy with one entity, or light: not split.
    assert!(manifest.contains("\nmail = []\nteams = []\n"), "{manifest}");
    let features = &generated.features;
    assert_eq!(features.get("devices-shared"), Some(&Feature::default()));
    assert_eq!(
        features.get("devices-ios-configuration").map(|f| f.needs.clone()),
        Some(vec![
            "devices-device-configuration".to_string(),
            "devices-device-configuration-assignment".to_string(),
            "devices-shared".to_string()
        ])
    );
    assert_eq!(features.get("devices").map(|f| f.parts.len()), Some(5));

    // The groups share the area's module and file (always declared); each item is behind its
    // group's feature, what only one entity uses with that entity.
    let namespace = file(&generated, "src/models/microsoft_graph.rs");
    assert!(
        has_code(namespace, "pub mod devices;\n\n#[allow(unused_imports)]\npub use self::devices::*;"),
        "{namespace}"
    );
    let devices = file(&generated, "src/models/microsoft_graph/devices.rs");
    // The first line of the item (after its blank line) is its group's `cfg`.
    let gated = |feature: &str, item: &str| {
        let Some(at) = devices.find(&format!("\n{item}")) else { return false };
        let start = devices[..at].rfind("\n\n").map_or(0, |i| i + 2);
        devices[start..].starts_with(&layout::group_cfg(&format!("devices-{feature}")))
    };
    for (feature, item) in [
        ("windows-configuration", "pub struct WindowsConfiguration {"),
        ("windows-configuration", "pub struct WindowsConfigurationPatch {"),
        ("windows-configuration", "pub struct WindowsSchedule {"),
        ("windows-configuration", "pub enum ScheduleKind {"),
        ("windows-configuration", "impl serde::Serialize for WindowsConfiguration {"),
        ("shared", "pub enum DayOfWeek {"),
        ("shared", "pub struct UnusedSetting {"),
        ("device-configuration", "pub struct DeviceConfiguration {"),
        ("device-configuration", "pub enum AnyDeviceConfiguration {"),
    ] {
        assert!(gated(feature, item), "{item} behind devices-{feature} in\n{devices}");
    }
    // Every top-level item of the file is behind a feature (doc comments come after it).
    let mut previous = "";
    for line in devices.lines().skip(3) {
        if previous.is_empty() && !line.is_empty() && !line.starts_with(" ") {
            assert!(line.starts_with("#[cfg(feature = \"devices-"), "{line} in\n{devices}");
        }
        previous = line;
    }
    // A derived type's variant is behind its own group's feature.
    assert!(has_code(devices, "#[cfg(feature = \"devices-ios-configuration\")]\nIosConfiguration("), "{devices}");
    assert!(
        generated.files.keys().all(|p| !p.contains("devices_")),
        "no module per group: {:?}",
        generated.files.keys()
    );
    // An operation goes with the type it returns, else takes; one with neither is shared.
    let ops = file(&generated, "src/endpoints/devices.rs");
    for (feature, item) in [
        ("device-configuration", "pub struct ListConfigurations;"),
        ("windows-configuration", "pub struct UpdateWindowsConfiguration;"),
        ("shared", "pub struct Reprovision;"),
    ] {
        let expected = format!(
            "{}#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]\n{item}",
            layout::group_cfg(&format!("devices-{feature}"))
        );
        assert!(has_code(ops, &expected), "{expected} in\n{ops}");
    }
    let lib = file(&generated, "src/lib.rs");
    assert!(lib.contains("An area too heavy for one feature (more than 1/10 of the crate's fields"), "{lib}");
    assert!(lib.contains("| `devices-windows-configuration` (turns on: `devices-device-configuration`, "), "{lib}");
    assert!(!file(&emitted(), "src/lib.rs").contains("too heavy"), "only when an area is split");
}

#[test]
fn areas_are_modules_and_features() {
    let generated = emitted();
    let manifest = file(&generated, "Cargo.toml");
    assert!(
        manifest.contains(
            "default = [\"full\"]\nfull = [\n    \"identity-and-sign-in\",\n    \"mail\",\n    \"reports\",\n]\n\
             identity-and-sign-in = []\nmail = []\nreports = []\n"
        ),
        "{manifest}"
    );
    let namespace = file(&generated, "src/models/microsoft_graph.rs");
    assert!(
        has_code(namespace, "pub mod common;\n\n#[allow(unused_imports)]\npub use self::common::*;"),
        "{namespace}"
    );
    assert!(has_code(
        namespace,
        "#[cfg(feature = \"mail\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"mail\")))]\npub mod mail;\n\n\
         #[cfg(feature = \"mail\")]\n#[allow(unused_imports)]\npub use self::mail::*;"
    ));
    // Common first, then by name.
    let order: Vec<usize> = ["pub mod common;", "pub mod identity_and_sign_in;", "pub mod mail;"]
        .iter()
        .filter_map(|m| namespace.find(m))
        .collect();
    assert!(order.len() == 3 && order.windows(2).all(|w| w[0] < w[1]), "{namespace}");
    assert!(!namespace.contains("reports"), "no types, no module");

    let mail = file(&generated, "src/models/microsoft_graph/mail.rs");
    // Unfiled types that only `mail` needs (directly or through each other) moved there;
    // one that two areas need stayed common.
    for expected in
        ["pub struct Message {", "pub enum Importance {", "pub struct FollowupFlag {", "pub struct DateTimeTimeZone {"]
    {
        assert!(mail.contains(expected), "{expected} in\n{mail}");
    }
    let common = file(&generated, "src/models/microsoft_graph/common.rs");
    assert!(common.contains("pub struct EmailAddress {") && !common.contains("pub struct FollowupFlag {"));
    let message = item(mail, "pub struct Message {");
    assert!(has_code(
        message,
        "/// Only with the `identity-and-sign-in` feature, which has the type; without it the value is kept in `additional_data`.\n\
         #[cfg(feature = \"identity-and-sign-in\")]\n\
         pub sender: Option<Box<crate::models::microsoft_graph::identity_and_sign_in::Contact>"
    ), "{message}");
    assert!(has_code(
        message,
        "#[cfg(feature = \"identity-and-sign-in\")]\n\
         pub reply_to: Option<Vec<crate::models::microsoft_graph::identity_and_sign_in::Contact>"
    ));
    assert!(has_code(message, "property.\npub importance: Option<Importance>,"), "same area: bare, no cfg");
    assert!(has_code(message, "property.\npub flag: Option<FollowupFlag>,"));
    assert!(has_code(message, "property.\npub from: Option<crate::models::microsoft_graph::common::EmailAddress>,"));
    assert_eq!(message.matches("#[cfg(").count(), 2, "{message}");
    // The JSON of a field behind a feature is read and written behind the same feature.
    let message_json = json_impls(mail, "Message");
    for expected in [
        "#[cfg(feature = \"identity-and-sign-in\")] map.property(\"sender\", &self.sender);",
        "#[cfg(feature = \"identity-and-sign-in\")] map.property(\"replyTo\", &self.reply_to);",
        "#[cfg(feature = \"identity-and-sign-in\")]\n\"sender\" => read(map, &mut self.sender),",
        "#[cfg(feature = \"identity-and-sign-in\")]\n\"replyTo\" => read(map, &mut self.reply_to),",
        "\"importance\" => read(map, &mut self.importance),",
    ] {
        assert!(has_code(message_json, expected), "{expected} in\n{message_json}");
    }
    let contact = item(file(&generated, "src/models/microsoft_graph/identity_and_sign_in.rs"), "pub struct Contact {");
    assert!(
        has_code(
            contact,
            "#[cfg(feature = \"mail\")]\n\
         pub latest_message: Option<Box<crate::models::microsoft_graph::mail::Message>"
        ),
        "{contact}"
    );
    assert!(has_code(
        contact,
        "#[cfg(feature = \"mail\")]\npub importance: Option<crate::models::microsoft_graph::mail::Importance>,"
    ));

    let endpoints = file(&generated, "src/endpoints.rs");
    assert!(has_code(endpoints, "pub mod common;\n\n#[allow(unused_imports)]\npub use self::common::*;"));
    assert!(has_code(
        endpoints,
        "#[cfg(feature = \"reports\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"reports\")))]\npub mod reports;"
    ));
    let mail_endpoints = file(&generated, "src/endpoints/mail.rs");
    assert!(mail_endpoints.contains("pub struct ListMessages;"));
    assert!(!has_code(mail_endpoints, "#[cfg(feature = \"mail\")]"), "the module is already gated");
    assert!(has_code(
        mail_endpoints,
        "Needs the `identity-and-sign-in` feature as well (for the body type).\n#[cfg(feature = \"identity-and-sign-in\")]\n\
         #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]\npub struct ForwardToContact;\n\n\
         #[cfg(feature = \"identity-and-sign-in\")]\nimpl ForwardToContact {"
    ), "{mail_endpoints}");
    // The endpoint's area name is normalised: one feature.
    assert!(file(&generated, "src/endpoints/identity_and_sign_in.rs").contains("pub struct GetContact;"));
    let common_endpoints = file(&generated, "src/endpoints/common.rs");
    assert!(has_code(common_endpoints, "#[cfg(feature = \"mail\")]\n#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]\npub struct SearchMessages;"));
    let lib = file(&generated, "src/lib.rs");
    assert!(lib.contains("//! | `mail` | 7 | 3 |\n") && lib.contains("//! | `reports` | 0 | 2 |\n"), "{lib}");
    assert!(lib.contains("#![cfg_attr(docsrs, feature(doc_cfg))]"));
}

#[test]
fn inheritance_is_flattened_root_first() {
    let generated = emitted();
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    let account = item(graph, "/// Information about a user account.");
    let order: Vec<&str> =
        account.lines().filter_map(|l| l.trim().strip_prefix("pub ")).filter_map(|l| l.split(':').next()).collect();
    assert_eq!(
        order,
        [
            "struct UserAccountInformation {",
            "odata_type",
            "id",
            "allowed_audiences",
            "inference",
            "created_date_time",
            "created_by",
            "source",
            "age_group",
            "country_code",
            "preferred_language_tag",
            "user_principal_name",
            "additional_data",
        ]
    );
    assert!(
        account.contains("Derives from [`itemFacet`](crate::models::microsoft_graph::common::ItemFacet)"),
        "{account}"
    );
    assert!(account.contains("which derives from [`entity`](crate::models::microsoft_graph::common::Entity)"));
    assert!(account.contains("/// Redeclared: keeps its place, takes this description."));
    assert!(account.contains("/// Inherited from `itemFacet`."));
    let account_json = json_impls(graph, "UserAccountInformation");
    for expected in [
        "map.property(\"@odata.type\", &self.odata_type);\nmap.property(\"id\", &self.id);",
        "map.property(\"allowedAudiences\", &self.allowed_audiences);",
        "map.end(&self.additional_data)",
        "\"@odata.type\" => read(map, &mut self.odata_type),\n\"id\" => read(map, &mut self.id),",
        "\"allowedAudiences\" => read(map, &mut self.allowed_audiences),",
        "_ => crate::runtime::read_unknown(&mut self.additional_data, key, map),",
    ] {
        assert!(has_code(account_json, expected), "{expected} in\n{account_json}");
    }
    assert!(has_code(account, "pub allowed_audiences: Option<AllowedAudiences>,"));
    assert!(has_code(
        account,
        "survive a round trip.\n    pub additional_data: serde_json::Map<String, serde_json::Value>,"
    ));
    // Unknown types are JSON values; serde's derives give way to the impls written out.
    assert!(has_code(account, "/// Redeclared: keeps its place, takes this description.\n    pub id: Option<String>,"));
    assert!(has_code(account, "pub source: Option<serde_json::Value>,"));
    assert!(has_code(graph, "#[derive(Debug, Clone, Default, PartialEq)]\npub struct UserAccountInformation {"));
    assert!(!graph.contains("#[serde("), "no serde attribute is left");
}

#[test]
fn recursive_types_are_boxed_only_where_needed() {
    let generated = emitted();
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    let tree = item(graph, "pub struct TreeNode {");
    assert!(has_code(tree, "pub parent: Option<Box<TreeNode>>,"), "{tree}");
    assert!(has_code(tree, "pub children: Option<Vec<TreeNode>>,"));
    assert!(has_code(tree, "A relationship: present only when requested with `$expand`."));
    assert!(has_code(item(graph, "pub struct Ping {"), "pub pong: Option<Box<Pong>>,"));
    let pong = item(graph, "pub struct Pong {");
    assert!(has_code(pong, "pub ping: Option<Box<Ping>>,") && has_code(pong, "pub pings: Option<Vec<Ping>>,"));
    assert!(has_code(item(graph, "pub struct Holder {"), "pub ping: Option<Ping>,"));
    assert!(has_code(item(graph, "pub struct Hostile {"), "pub self_ref: Option<Box<Hostile>>,"));
}

#[test]
fn primitive_and_unknown_types_map_as_documented() {
    let generated = emitted();
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    let p = item(graph, "pub struct Primitives {");
    for expected in [
        "pub s: Option<String>,",
        "pub b: Option<bool>,",
        "pub i32: Option<i32>,",
        "pub i64: Option<i64>,",
        "pub i16: Option<i16>,",
        "pub u8: Option<u8>,",
        "pub i8: Option<i8>,",
        "pub f64: Option<f64>,",
        "pub f32: Option<f32>,",
        "pub dec: Option<f64>,",
        "pub when: Option<chrono::DateTime<chrono::FixedOffset>>,",
        "pub day: Option<chrono::NaiveDate>,",
        "pub time: Option<chrono::NaiveTime>,",
        "pub span: Option<crate::runtime::Duration>,",
        "pub guid: Option<uuid::Uuid>,",
        "pub bytes: Option<crate::runtime::Binary>,",
        "pub stream: Option<String>,",
        "pub any: Option<serde_json::Value>,",
        "pub geo: Option<serde_json::Value>,",
        "pub missing: Option<serde_json::Value>,",
        "pub tags: Option<Vec<String>>,",
        "pub audiences: Option<Vec<AllowedAudiences>>,",
        "pub bare: Option<LocaleInfo>,",
    ] {
        assert!(has_code(p, expected), "{expected} in\n{p}");
    }
    let records = file(&generated, "src/models/microsoft_graph_call_records/common.rs");
    assert!(has_code(records, "pub organizer: Option<crate::models::microsoft_graph::common::IdentitySet>,"));
    assert!(has_code(records, "pub sessions: Option<Vec<Session>>,"));
    assert!(has_code(
        file(&generated, "src/models/models_2/common.rs"),
        "pub widget: Option<crate::models::r#type::common::Widget>,"
    ));
}

#[test]
fn keyword_and_colliding_names() {
    let generated = emitted();
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    let k = item(graph, "pub struct Keywords {");
    for expected in [
        "pub r#type: Option<String>,",
        "pub r#match: Option<String>,",
        "pub r#async: Option<String>,",
        "pub r#gen: Option<String>,",
        "pub self_: Option<String>,",
        "pub display_name: Option<String>,",
        "pub display_name_2: Option<String>,",
        "pub display_name_3: Option<String>,",
        "pub additional_data_2: Option<String>,",
        "pub display_name_odata_bind: Option<String>,",
        "pub _2fa_enabled: Option<bool>,",
        "pub unnamed: Option<String>,",
        "pub gr_e: Option<i32>,",
    ] {
        assert!(has_code(k, expected), "{expected} in\n{k}");
    }
    // Each field is read and written under its JSON name, whatever its identifier became.
    let k_json = json_impls(graph, "Keywords");
    for (json, field) in [
        ("self", "self_"),
        ("DisplayName", "display_name"),
        ("displayName", "display_name_2"),
        ("display_name", "display_name_3"),
        ("additionalData", "additional_data_2"),
        ("displayName@odata.bind", "display_name_odata_bind"),
        ("2faEnabled", "_2fa_enabled"),
        ("", "unnamed"),
        ("größe", "gr_e"),
        ("type", "r#type"),
    ] {
        let write = format!("map.property(\"{json}\", &self.{field});");
        let read = format!("\"{json}\" => read(map, &mut self.{field}),");
        assert!(has_code(k_json, &write) && has_code(k_json, &read), "{write} / {read} in\n{k_json}");
    }
    // `@odata.type` from the docs is the built-in field, not a second one.
    assert_eq!(k_json.matches("\"@odata.type\"").count(), 2, "{k_json}");
    assert!(has_code(graph, "pub struct FooBar {\n") && has_code(graph, "pub struct FooBar2 {\n"));
    assert!(has_code(graph, "pub struct StringType {") && has_code(graph, "pub struct OptionType {"));
    assert!(has_code(graph, "pub struct ResultType {"));
    assert!(has_code(item(graph, "pub struct OptionType {"), "pub value: Option<StringType>,"));
}

#[test]
fn patch_endpoints_take_patch_structs() {
    let generated = emitted();
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    // `KeywordsPatch` is a type of the docs: the patch struct of `keywords` steps aside.
    assert!(has_code(graph, "pub struct KeywordsPatch {\n"));
    let patch = item(graph, "pub struct KeywordsPatch2 {");
    for expected in [
        "pub r#type: crate::runtime::Patch<String>,",
        "pub _2fa_enabled: crate::runtime::Patch<bool>,",
        "sent as they are.\n    pub additional_data: serde_json::Map<String, serde_json::Value>,",
    ] {
        assert!(has_code(patch, expected), "{expected} in\n{patch}");
    }
    let patch_json = json_impls(graph, "KeywordsPatch2");
    for expected in [
        "map.property(\"2faEnabled\", &self._2fa_enabled);",
        "impl crate::runtime::Object for KeywordsPatch2 {",
        "\"2faEnabled\" => read(map, &mut self._2fa_enabled),",
    ] {
        assert!(has_code(patch_json, expected), "{expected} in\n{patch_json}");
    }
    assert!(has_code(graph, "impl From<Keywords> for KeywordsPatch2 {"));
    // Only PATCH bodies get one: POST and PUT send the model itself.
    assert!(!graph.contains("pub struct HostilePatch"));
    // A relationship is a field of the model, not of its patch struct, nor moved into it.
    let mail = file(&generated, "src/models/microsoft_graph/mail.rs");
    assert!(has_code(item(mail, "pub struct Message {"), "pub attachments: Option<Vec<"), "{mail}");
    let message_patch = span(mail, "pub struct MessagePatch {", "impl crate::runtime::UnknownKeys");
    assert!(has_code(message_patch, "pub subject: crate::runtime::Patch<String>,"), "{message_patch}");
    assert!(!message_patch.contains("attachments"), "{message_patch}");
    let endpoints = file(&generated, "src/endpoints/common.rs");
    assert!(has_code(endpoints, "body: &crate::models::microsoft_graph::common::KeywordsPatch2,"), "{endpoints}");
    assert!(has_code(endpoints, "body: &crate::models::microsoft_graph::common::UserAccountInformation,"));
    assert!(has_code(endpoints, "body: &crate::models::microsoft_graph::common::UserAccountInformationPatch,"));
}

#[test]
fn enums_are_open() {
    let generated = emitted();
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    let e = item(graph, "pub enum AllowedAudiences {");
    for expected in [
        "    Me,\n",
        "    UnknownFutureValue,\n",
        "    Other2,\n",
        "    SelfValue,\n",
        "    _2fa,\n",
        "    None,\n",
        "    Other(String),\n",
    ] {
        assert!(has_code(e, expected), "{expected} in\n{e}");
    }
    assert_eq!(e.matches("    Me,\n").count(), 1, "duplicate member emitted once");
    assert!(has_code(graph, "\"other\" => Self::Other2,"));
    assert!(has_code(graph, "other => Self::Other(other.to_owned()),"));
    assert!(has_code(graph, "Self::Other(value) => value.as_str(),"));
    assert!(has_code(graph, "impl std::str::FromStr for AllowedAudiences {"));
    assert!(has_code(
        graph,
        "#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum AllowedAudiences {"
    ));
    let flags = item(graph, "pub struct DayFlags {");
    for expected in
        ["pub sunday: bool,", "pub monday: bool,", "pub r#type: bool,", "pub other_2: bool,", "pub other: Vec<String>,"]
    {
        assert!(has_code(flags, expected), "{expected} in\n{flags}");
    }
    assert!(has_code(graph, "\"other\" => self.other_2 = true,"));
}

#[test]
fn hostile_descriptions_stay_in_doc_comments() {
    let generated = emitted();
    for (path, text) in &generated.files {
        assert!(!text.contains("```"), "an unescaped fence in {path}");
        // Bidi overrides are denied by rustc in comments and literals alike: docs drop them,
        // string literals escape them.
        assert!(!text.contains('\u{202E}') && !text.contains('\r') && !text.contains('\t'), "{path}");
        for line in text.lines() {
            let code = line.trim_start();
            assert!(!code.starts_with("compile_error!"), "{path}: {line}");
            if code.starts_with("///") || code.starts_with("//!") {
                assert!(!code[3..].starts_with("    "), "indented doc line in {path}: {line}");
            }
        }
    }
    let graph = file(&generated, "src/models/microsoft_graph/common.rs");
    assert!(graph.contains("/// Ends a comment */ and \"quotes\" it. compile_error!(\"x\");\n"));
    assert!(graph.contains("/// \\`\\`\\`rust fn main() { panic!() } \\`\\`\\`\n"));
    assert!(graph.contains("/// indented code block </doc> <b>bold last tab\n"));
}

#[test]
fn endpoints_have_a_constructor_per_path() {
    let generated = emitted();
    let endpoints = file(&generated, "src/endpoints/common.rs");
    let create = item(endpoints, "/// Create userAccountInformation");
    for expected in [
        "pub struct CreateUserAccountInformation;",
        "pub const METHOD: &str = \"POST\";",
        "pub const SUCCESS_STATUS: u16 = 201;",
        "pub const PATHS: &[&str] = &[\n        \"/me/profile/account\",\n        \"/users/{id | userPrincipalName}/profile/account\",\n    ];",
        "pub fn me(\n        base_url: &str,\n        body: &crate::models::microsoft_graph::common::UserAccountInformation,\n    ) -> crate::runtime::RequestBuilder<Self> {",
        "pub fn users(\n        base_url: &str,\n        id_or_user_principal_name: &str,\n        body: &crate::models::microsoft_graph::common::UserAccountInformation,",
        "uri.push_str(\"/users/\");\n        crate::runtime::push_param(&mut uri, id_or_user_principal_name);\n        uri.push_str(\"/profile/account\");",
        "crate::runtime::RequestBuilder::new(Self::METHOD, uri).json_body(body)",
        ") -> Result<\n        crate::models::microsoft_graph::common::UserAccountInformation,\n        crate::runtime::ResponseError,\n    > {\n        crate::runtime::parse_json(response)",
        "/// - `POST /users/{id | userPrincipalName}/profile/account`",
    ] {
        assert!(has_code(create, expected), "{expected} in\n{create}");
    }
    let add_ref = item(endpoints, "pub struct AddAccountRef;");
    assert!(has_code(add_ref, "uri.push_str(\"/me/profile/account/$ref\");"), "{add_ref}");
    assert!(has_code(
        add_ref,
        "-> Result<(), crate::runtime::ResponseError> {\n        crate::runtime::parse_empty(response)"
    ));
    // `listAccounts` sorts before `list_accounts`, so it keeps the plain name.
    assert!(has_code(item(endpoints, "pub struct ListAccounts;"), "pub fn me(base_url: &str)"));
    let list = item(endpoints, "pub struct ListAccounts2;");
    assert!(
        has_code(list, "crate::runtime::Page<crate::models::microsoft_graph::common::UserAccountInformation"),
        "{list}"
    );
    assert!(has_code(list, "pub fn me(base_url: &str)") && has_code(list, "pub fn users(base_url: &str, id: &str)"));
    assert!(has_code(endpoints, "pub struct ListAccounts2;"));
    let delete = item(endpoints, "pub struct DeleteAccount;");
    assert!(
        has_code(delete, "pub const SUCCESS_STATUS: u16 = 204;")
            && has_code(delete, "crate::runtime::RequestBuilder::new(Self::METHOD, uri)")
    );
    assert!(has_code(item(endpoints, "pub struct GetPhotoValue;"), "Result<Vec<u8>, crate::runtime::ResponseError>"));
    assert!(has_code(item(endpoints, "pub struct UpdatePhotoValue;"), "body: &[u8]"));
    let deep = item(endpoints, "pub struct UpdateDeepField;");
    assert!(has_code(deep, "#[allow(clippy::too_many_arguments)]\n    pub fn sites("), "{deep}");
    assert!(has_code(item(endpoints, "pub struct AddTags;"), "body: &[String]"));
    assert!(has_code(item(endpoints, "pub struct SetName;"), "body: &str"));
    let view = item(endpoints, "pub struct CalendarView;");
    assert!(has_code(view, "pub fn me_calendar_view(") && has_code(view, "pub fn groups_events_instances("), "{view}");
    assert!(has_code(view, "groups_id: &str,") && has_code(view, "events_id: &str,"));
    assert!(has_code(view, "uri.push_str(\"/me/calendarView?startDateTime=\");"));
    assert!(has_code(item(endpoints, "pub struct DefaultType;"), "pub fn path_1(base_url: &str)"));
    assert!(has_code(item(endpoints, "pub struct NoPaths;"), "pub const PATHS: &[&str] = &[];"));
    // Sorted by name.
    let order: Vec<usize> =
        ["AddAccountRef;", "AddTags;", "CalendarView;", "CreateUserAccountInformation;", "DefaultType;"]
            .iter()
            .map(|s| endpoints.find(&format!("pub struct {s}")).unwrap_or(usize::MAX))
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn output_is_deterministic() {
    let first = emitted();
    assert_eq!(first, emitted());
    let mut shuffled = sample_schema();
    shuffled.types.reverse();
    shuffled.endpoints.reverse();
    for t in &mut shuffled.types {
        t.members.reverse();
        t.members.reverse();
    }
    let second = emit_crate(&shuffled, &EmitOptions::default()).ok();
    assert_eq!(Some(first), second);
}

#[test]
fn any_json_types_are_aliases_and_their_fields_need_no_feature() {
    let mut json = in_area("reports", def(&q("Json"), TypeKind::Complex, None, Vec::new()));
    json.any_json = true;
    let range = in_area("mail", def(&q("range"), TypeKind::Complex, None, vec![prop("values", &q("Json"))]));
    let schema = Schema { types: vec![json, range], ..Default::default() };
    let generated = match emit_crate(&schema, &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(e) => panic!("emission failed: {e}"),
    };
    let reports = file(&generated, "src/models/microsoft_graph/reports.rs");
    assert!(has_code(reports, "pub type Json = serde_json::Value;"), "{reports}");
    assert!(!reports.contains("pub struct Json"), "{reports}");
    let mail = file(&generated, "src/models/microsoft_graph/mail.rs");
    let range = item(mail, "pub struct Range {");
    // `serde_json::Value` itself, so the field is there whether `reports` is on or not.
    assert!(has_code(range, "pub values: Option<serde_json::Value>,"), "{range}");
    assert!(!range.contains("cfg(feature"), "{range}");
    assert!(!has_code(mail, "unknown_keys(&self.values)"), "{mail}");
}

#[test]
fn empty_schema_still_makes_a_crate() {
    let generated = emit_crate(&Schema::default(), &EmitOptions::default()).ok();
    let generated = generated.unwrap_or_default();
    assert!(generated.files.contains_key("src/models.rs"));
    assert!(!file(&generated, "src/models.rs").contains("pub use"));
}

#[test]
fn bad_crate_names_are_errors() {
    let options = EmitOptions { crate_name: "no spaces".to_string(), ..Default::default() };
    assert!(matches!(emit_crate(&Schema::default(), &options), Err(EmitError::InvalidCrateName { .. })));
}

/// Exercises the generated crate at run time; written next to it by the compile test.
const ROUND_TRIP_TEST: &str = r###"
use graph_models::endpoints::*;
use graph_models::models::*;
use graph_models::runtime::*;

#[test]
fn unknown_enum_values_and_properties_round_trip() {
    let json = r##"{"@odata.type":"#microsoft.graph.userAccountInformation","id":"1","allowedAudiences":"aliens","countryCode":"NO","futureProperty":{"x":[1,2]},"createdDateTime":"2020-07-06T06:34:12.2294868Z"}"##;
    let account: UserAccountInformation = serde_json::from_str(json).unwrap();
    assert_eq!(account.allowed_audiences, Some(AllowedAudiences::Other("aliens".into())));
    assert_eq!(account.additional_data["futureProperty"]["x"][1], 2);
    let back: serde_json::Value = serde_json::to_value(&account).unwrap();
    let original: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(back["futureProperty"], original["futureProperty"]);
    assert_eq!(back["allowedAudiences"], "aliens");
    assert!(back.get("ageGroup").is_none());
    assert_eq!(AllowedAudiences::from("me"), AllowedAudiences::Me);
    assert_eq!(AllowedAudiences::from("other"), AllowedAudiences::Other2);
    assert_eq!(serde_json::to_string(&AllowedAudiences::UnknownFutureValue).unwrap(), "\"unknownFutureValue\"");
    // `@odata.type` in a namespace the crate does not know is read in the expected one.
    let named = |name: &str| odata_type_name(name, "microsoft.graph", NAMESPACES);
    assert_eq!(named("#Other.Service.userAccountInformation"), "microsoft.graph.userAccountInformation");
    assert_eq!(named("userAccountInformation"), "microsoft.graph.userAccountInformation");
    assert_eq!(named("#microsoft.graph.callRecords.session"), "microsoft.graph.callRecords.session");
    // `odata.context` is control information, like `@odata.context`.
    let extra: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(r#"{"odata.context":"x","@odata.etag":"y","k":1}"#).unwrap();
    assert_eq!(count_unknown(&extra), 1);
}

#[test]
fn open_maps_and_any_json_round_trip() {
    let json = r##"{"checklist":{"@odata.type":"#microsoft.graph.checklistItems","a1":{"locale":"en","extra":1},"b2":null},"sharedWith":{"u1":true},"values":[["Hello",100],[null,"=B1*2"]]}"##;
    let details: TaskDetails = serde_json::from_str(json).unwrap();
    let checklist = details.checklist.as_ref().unwrap();
    assert_eq!(checklist.entries["a1"].as_ref().unwrap().locale.as_deref(), Some("en"));
    assert_eq!(checklist.entries["b2"], None);
    assert_eq!(checklist.annotations["@odata.type"], "#microsoft.graph.checklistItems");
    assert_eq!(details.shared_with.as_ref().unwrap().entries["u1"], Some(true));
    assert_eq!(details.values.as_ref().unwrap()[0][1], 100);
    // `extra` is the one key no field declares: inside a map's value, it still counts.
    assert_eq!(UnknownKeys::unknown_keys(&details), 1);
    let back = serde_json::to_value(&details).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
}

#[test]
fn flags_round_trip() {
    let days: DayFlags = serde_json::from_str("\"sunday,type,someday\"").unwrap();
    assert!(days.sunday && days.r#type && !days.monday);
    assert_eq!(days.other, ["someday"]);
    assert_eq!(serde_json::to_string(&days).unwrap(), "\"sunday,type,someday\"");
    assert_eq!(EmptyFlags::from("a,b").to_string(), "a,b");
    assert_eq!(EmptyEnum::from("x").as_str(), "x");
}

#[test]
fn primitives_parse() {
    let json = r#"{"span":"PT1H30M","bytes":"aGVsbG8=","day":"2024-02-29","time":"08:00:00.0000000","guid":"0fb4c1e3-c1e3-0fb4-e3c1-b40fe3c1b40f","dec":1.5}"#;
    let p: Primitives = serde_json::from_str(json).unwrap();
    assert_eq!(p.bytes.as_ref().unwrap().0, b"hello");
    assert_eq!(p.span.unwrap().to_string(), "PT1H30M");
    let back = serde_json::to_value(&p).unwrap();
    assert_eq!(back["bytes"], "aGVsbG8=");
    assert_eq!(back["span"], "PT1H30M");
    assert_eq!(p, serde_json::from_value(back).unwrap());
    let unpadded: Binary = serde_json::from_str("\"aGVsbG8\"").unwrap();
    assert_eq!(unpadded.0, b"hello");
}

#[test]
fn requests_are_built_without_io() {
    let body = UserAccountInformation { country_code: Some("NO".into()), ..Default::default() };
    let request = CreateUserAccountInformation::users("https://graph.microsoft.com/v1.0/", "a b/c@d?e#f&g", &body).build().unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users/a%20b%2Fc@d%3Fe%23f%26g/profile/account");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.body(), br#"{"countryCode":"NO"}"#);
    let request = AddAccountRef::me("https://graph.microsoft.com/v1.0", &body).build().unwrap();
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/me/profile/account/$ref");
    let request = DeleteAccount::me("http://localhost", "x").build().unwrap();
    assert_eq!(request.method(), "DELETE");
    assert!(request.body().is_empty() && request.headers().get("content-type").is_none());
    assert!(DeleteAccount::me("not a url", "x").build().is_err());
    assert_eq!(CreateUserAccountInformation::PATHS.len(), 2);
    assert_eq!(CreateUserAccountInformation::SUCCESS_STATUS, 201);
}

#[test]
fn responses_are_parsed() {
    let ok = http::Response::builder().status(200).body(br#"{"value":[{"id":"1"}],"@odata.nextLink":"https://next"}"#.to_vec()).unwrap();
    let page = ListAccounts::parse_response(ok).unwrap();
    assert_eq!(page.value[0].id.as_deref(), Some("1"));
    assert_eq!(page.next_request().unwrap().unwrap().uri(), "https://next");
    let error = http::Response::builder().status(404).body(br#"{"error":{"code":"NotFound","message":"gone","innerError":{"request-id":"r"}}}"#.to_vec()).unwrap();
    match ListAccounts::parse_response(error) {
        Err(ResponseError::Graph { status, error }) => {
            assert_eq!(status, 404);
            assert_eq!(error.code, "NotFound");
            assert_eq!(error.inner_error.unwrap()["request-id"], "r");
        }
        other => panic!("{other:?}"),
    }
    let plain = http::Response::builder().status(502).body(b"bad gateway".to_vec()).unwrap();
    assert!(matches!(DeleteAccount::parse_response(plain), Err(ResponseError::Status { .. })));
    let empty = http::Response::builder().status(204).body(Vec::new()).unwrap();
    assert!(DeleteAccount::parse_response(empty).is_ok());
    let junk = http::Response::builder().status(200).body(b"<html>".to_vec()).unwrap();
    assert!(matches!(ListAccounts::parse_response(junk), Err(ResponseError::Decode { .. })));
}

#[cfg(feature = "mail")]
#[test]
fn cross_area_fields_follow_the_features() {
    let json = r#"{"subject":"hi","sender":{"displayName":"x"},"flag":{"status":"done","dueDateTime":{"dateTime":"now"}},"from":{"address":"a@b"}}"#;
    let message: Message = serde_json::from_str(json).unwrap();
    assert_eq!(message.flag.as_ref().unwrap().due_date_time.as_ref().unwrap().date_time.as_deref(), Some("now"));
    #[cfg(feature = "identity-and-sign-in")]
    assert_eq!(message.sender.as_ref().unwrap().display_name.as_deref(), Some("x"));
    #[cfg(not(feature = "identity-and-sign-in"))]
    assert_eq!(message.additional_data["sender"]["displayName"], "x");
    let back = serde_json::to_value(&message).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
    let request = ListMessages::me("https://graph.microsoft.com/v1.0").build().unwrap();
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/me/messages");
}

#[test]
fn patch_bodies_leave_clear_or_set() {
    let patch = UserAccountInformationPatch {
        country_code: Patch::Value("NO".into()),
        age_group: Patch::Null,
        ..Default::default()
    };
    let request = UpdateAccount::me("http://localhost", "1", &patch).build().unwrap();
    assert_eq!(request.method(), "PATCH");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, serde_json::json!({"countryCode": "NO", "ageGroup": null}));
    let read: UserAccountInformationPatch = serde_json::from_value(sent).unwrap();
    assert_eq!(read, patch);
    assert!(read.id.is_absent() && read.age_group == Patch::Null);
    let model = UserAccountInformation { country_code: Some("SE".into()), ..Default::default() };
    let from_model = UserAccountInformationPatch::from(model);
    assert_eq!(serde_json::to_string(&from_model).unwrap(), r#"{"countryCode":"SE"}"#);
    #[cfg(feature = "mail")]
    {
        let clear_subject = MessagePatch { subject: Patch::Null, ..Default::default() };
        let request = UpdateMessage::me("http://localhost", "m", &clear_subject).build().unwrap();
        assert_eq!(request.body(), br#"{"subject":null}"#);
    }
}

#[test]
fn objects_are_read_and_written_key_by_key() {
    // A key written twice keeps its last value (`count\u0072yCode` is `countryCode` escaped, so
    // the reader cannot lend it); keys no field declares, annotations too, are kept in order.
    let json = r#"{"extra":[1],"countryCode":"NO","count\u0072yCode":"SE","ageGroup":null,"@odata.etag":"W/1"}"#;
    let from_str: UserAccountInformation = serde_json::from_str(json).unwrap();
    let from_slice: UserAccountInformation = serde_json::from_slice(json.as_bytes()).unwrap();
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let from_value: UserAccountInformation = serde_json::from_value(value).unwrap();
    assert_eq!(from_str, from_slice);
    assert_eq!(from_str, from_value);
    assert_eq!(from_str.country_code.as_deref(), Some("SE"));
    assert_eq!(from_str.age_group, None, "null is no value");
    assert_eq!(from_str.additional_data.len(), 2);
    // Declared fields in declaration order, absent ones left out, then `additional_data`.
    let account = UserAccountInformation {
        odata_type: Some("#microsoft.graph.userAccountInformation".into()),
        country_code: Some("NO".into()),
        id: Some("1".into()),
        additional_data: from_str.additional_data.clone(),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&account).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.userAccountInformation","id":"1","countryCode":"NO","@odata.etag":"W/1","extra":[1]}"##
    );
    // What is not an object, or a field of the wrong type, is an error that says so.
    let not_object = serde_json::from_str::<UserAccountInformation>("[1]").unwrap_err().to_string();
    assert!(not_object.contains("expected struct UserAccountInformation"), "{not_object}");
    let wrong = serde_json::from_str::<UserAccountInformation>(r#"{"countryCode":5}"#).unwrap_err().to_string();
    assert!(wrong.contains("invalid type: integer `5`, expected a string"), "{wrong}");
    assert!(serde_json::from_str::<UserAccountInformation>(r#"{"id":"1""#).is_err(), "unterminated");
    let patch: UserAccountInformationPatch = serde_json::from_str(r#"{"ageGroup":null,"x":2}"#).unwrap();
    assert!(patch.age_group == Patch::Null && patch.country_code.is_absent());
    assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"ageGroup":null,"x":2}"#);
}

#[test]
fn recursive_types_work() {
    let json = r#"{"name":"a","parent":{"name":"b","parent":{"name":"c"}},"children":[{"name":"d"}]}"#;
    let tree: TreeNode = serde_json::from_str(json).unwrap();
    assert_eq!(tree.parent.unwrap().parent.unwrap().name.as_deref(), Some("c"));
}
"###;

/// Writes `generated` to a fresh temporary directory named after `label`, with `tests` as
/// extra files (path -> content).
fn write_emitted(generated: &GeneratedCrate, label: &str, tests: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("docs-codegen-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let extra = tests.iter().map(|(p, c)| (p.to_string(), c.to_string()));
    for (path, content) in generated.files.clone().into_iter().chain(extra) {
        let full = dir.join(&path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(&full, content).expect("write file");
    }
    dir
}

/// Runs cargo with `args` in the crate at `dir`, asserting that it succeeds; gives its stdout
/// and stderr. The target directory is shared with `.ci/run`'s build of generated/, so the
/// dependencies compile once.
fn cargo_in(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let started = std::time::Instant::now();
    let target = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("target").join("generated");
    let output = std::process::Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    eprintln!("cargo {}: {:.1}s", args.join(" "), started.elapsed().as_secs_f64());
    assert!(output.status.success(), "cargo {args:?} failed in {}:\n{stderr}\n{stdout}", dir.display());
    (stdout, stderr)
}

/// Removes a crate written by [`write_emitted`], unless `DOCS_CODEGEN_KEEP_EMITTED` is set.
fn remove_emitted(dir: &std::path::Path) {
    if std::env::var_os("DOCS_CODEGEN_KEEP_EMITTED").is_some() {
        eprintln!("kept the generated crate in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Writes the sample crate to a temporary directory, checks it, lints it with
/// `-D warnings`, and runs [`ROUND_TRIP_TEST`] and the doctests against it. Set
/// `DOCS_CODEGEN_KEEP_EMITTED=1` to keep the directory for a look.
#[test]
fn generated_crate_compiles_and_is_clippy_clean() {
    let dir = write_emitted(&emitted(), "emit-check", &[("tests/round_trip.rs", ROUND_TRIP_TEST)]);
    let run = |args: &[&str]| cargo_in(&dir, args);
    let (_, check) = run(&["check", "--quiet"]);
    assert!(!check.contains("warning"), "cargo check warned:\n{check}");
    run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    let (tests, _) = run(&["test", "--quiet"]);
    assert!(tests.contains("test result: ok. 10 passed"), "{tests}");
    assert!(tests.contains("examples: 4 checked, 3 deserialized, 2 fully typed"), "{tests}");
    // Only `common`, and one area without the area it refers to: every cross-area reference is
    // gated, nothing warns, and the fallback to `additional_data` works.
    let (_, check) = run(&["check", "--quiet", "--no-default-features"]);
    assert!(!check.contains("warning"), "cargo check --no-default-features warned:\n{check}");
    let (_, check) = run(&["check", "--quiet", "--no-default-features", "--features", "identity-and-sign-in"]);
    assert!(!check.contains("warning"), "cargo check --features identity-and-sign-in warned:\n{check}");
    let mail = ["--no-default-features", "--features", "mail"];
    run(&[&["clippy", "--quiet", "--all-targets"][..], &mail, &["--", "-D", "warnings"]].concat());
    let (tests, _) = run(&[&["test", "--quiet", "--test", "round_trip"][..], &mail].concat());
    assert!(tests.contains("test result: ok. 10 passed"), "{tests}");
    // The doctests run nothing: no description became a code block.
    let (doc, _) = run(&["test", "--quiet", "--doc"]);
    assert!(!doc.contains("passed;") || doc.contains("ok. 0 passed"), "{doc}");
    remove_emitted(&dir);
}

/// Reads values of the split area's types with only the group of `WindowsConfiguration` on
/// (and the groups it turns on), or with all features.
const SPLIT_TEST: &str = r###"
use graph_models::models::{AnyDeviceConfiguration, WindowsConfiguration};
use graph_models::runtime::UnknownKeys;

#[test]
fn a_group_alone_gives_whole_structs() {
    let json = r##"{"@odata.type":"#microsoft.graph.windowsConfiguration","id":"1","day":"monday","schedule":{"kind":"daily"},"assignments":[{"target":"all"}]}"##;
    let config: WindowsConfiguration = serde_json::from_str(json).unwrap();
    // The inherited relationship's type, the shared enum and the exclusive complex type are
    // all typed: the group turned their groups on.
    assert_eq!(config.unknown_keys(), 0, "{config:?}");
    assert_eq!(config.assignments.as_ref().unwrap()[0].target.as_deref(), Some("all"));
    let any: AnyDeviceConfiguration = serde_json::from_str(json).unwrap();
    assert!(matches!(any, AnyDeviceConfiguration::WindowsConfiguration(_)), "{any:?}");
    assert_eq!(serde_json::to_value(&any).unwrap(), serde_json::from_str::<serde_json::Value>(json).unwrap());
}
"###;

/// The crate of an area split into groups compiles, lints clean and reads values with all
/// features, with one group alone (and what it turns on), and with the shared group alone.
#[test]
fn a_split_crate_compiles_group_by_group() {
    let generated = match emit_crate(&heavy_area_schema(), &EmitOptions::default()) {
        Ok(generated) => generated,
        Err(e) => panic!("emission failed: {e}"),
    };
    let dir = write_emitted(&generated, "split-check", &[("tests/split.rs", SPLIT_TEST)]);
    let run = |args: &[&str]| cargo_in(&dir, args);
    run(&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    let windows = ["--no-default-features", "--features", "devices-windows-configuration"];
    run(&[&["clippy", "--quiet", "--all-targets"][..], &windows, &["--", "-D", "warnings"]].concat());
    let (tests, _) = run(&[&["test", "--quiet", "--test", "split"][..], &windows].concat());
    assert!(tests.contains("test result: ok. 1 passed"), "{tests}");
    for alone in ["devices-shared", "devices-device-configuration-assignment", "devices-ios-configuration"] {
        let (_, check) = run(&["check", "--quiet", "--no-default-features", "--features", alone]);
        assert!(!check.contains("warning"), "cargo check --features {alone} warned:\n{check}");
    }
    remove_emitted(&dir);
}

#[test]
fn text_items_are_laid_out_as_prettyplease_would() {
    // Endpoints and structs are written as text (see `layout`): prettyplease, given what the
    // files hold, prints them unchanged.
    let generated = emitted();
    // The split area's file too: its items have their groups' `cfg` added to the text.
    let split = match emit_crate(&heavy_area_schema(), &EmitOptions::default()) {
        Ok(split) => split,
        Err(e) => panic!("emission failed: {e}"),
    };
    let files: Vec<(&String, &String)> = generated
        .files
        .iter()
        .chain(&split.files)
        .filter(|(p, _)| p.starts_with("src/endpoints/") || p.starts_with("src/models/"))
        .collect();
    assert!(files.len() >= 12, "{files:?}");
    for (path, text) in files {
        let Some(body) = text.strip_prefix(format::RS_HEADER) else { panic!("{path} has no header") };
        let parsed = match syn::parse_file(body) {
            Ok(parsed) => parsed,
            Err(e) => panic!("{path} does not parse: {e}\n{body}"),
        };
        let again = format::space_items(&prettyplease::unparse(&parsed));
        assert_eq!(again, body, "{path}");
    }
    let reports = file(&generated, "src/endpoints/reports.rs");
    assert!(reports.contains("#[cfg(all(feature = \"identity-and-sign-in\", feature = \"mail\"))]"), "{reports}");
    assert!(reports.contains("#[allow(clippy::too_many_arguments)]"), "{reports}");
    assert!(
        reports.contains("\nfor ForwardAContactToTheRecipientsOfMessagesWithARatherLongOperationName {}"),
        "{reports}"
    );
    // Each break of the text writers happens somewhere in the sample.
    let mail = file(&generated, "src/models/microsoft_graph/mail.rs");
    let common = file(&generated, "src/models/microsoft_graph/common.rs");
    for (text, broken) in [
        (mail, "impl crate::runtime::UnknownKeys\nfor ATypeWithANameLongEnoughToBreakTheHeaderOfItsUnknownKeysImplementation {"),
        (mail, "        #[cfg(feature = \"identity-and-sign-in\")]\n        map.property(\n            \"aVeryLong"),
        (mail, "        #[cfg(feature = \"identity-and-sign-in\")] map.property(\"sender\", &self.sender);\n"),
        (mail, "            \"anotherVeryLongPropertyNameHoldingAMessageFromTheMailArea\" => {\n                read(\n                    map,\n                    &mut self\n                        .another_very"),
        (mail, "        let count = count\n            + crate::runtime::UnknownKeys::unknown_keys(\n                &self\n                    .a_very"),
        (mail, ": Option<\n        Vec<crate::models::microsoft_graph::identity_and_sign_in::Contact>,\n    >,"),
        (common, "            Self::AMemberWithANameLongEnoughToBreakItsArm => {\n                \"aMemberWithANameLongEnoughToBreakItsArm\"\n            }\n"),
        (common, "                self.a_flag_with_a_name_long_enough_to_break_its_match_arm_for_sure = true;\n            }\n"),
        (mail, "    ADerivedMessageTypeWithANameLongEnoughToBreakTheLinesOfItsBaseEnum(\n        Box<"),
        (mail, "            Some(\n                \"microsoft.graph.aDerivedMessageTypeWithANameLongEnoughToBreakTheLinesOfItsBaseEnum\",\n            ) => {"),
        (mail, "                    .map(|v| Self::ADerivedMessageTypeWithANameLongEnoughToBreakTheLinesOfItsBaseEnum(\n                        Box::new(v),\n                    ))"),
        (mail, "            a_property_with_a_name_long_enough_to_break_its_move_in_the_patch_struct: value\n                .a_property"),
    ] {
        assert!(text.contains(broken), "no {broken:?} in\n{text}");
    }
}
