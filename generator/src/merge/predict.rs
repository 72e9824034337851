//! How a concrete JSON example will behave in the generated models, predicted from the schema
//! alone: whether it deserialises into its type and whether it is fully typed (every key,
//! recursively, lands in a declared field, so nothing is left in an `additional_data` map).
//!
//! The prediction mirrors the emitted code exactly (every field an `Option`, inherited
//! properties flattened, `@odata.type` its own field, keys with `@` kept as annotations,
//! enums open, primitives parsed by the same crates the generated crate uses), since the
//! generated tests fail on any example that behaves otherwise.

use crate::ir::{edm, Example, Property, TypeDef, TypeKind};
use crate::json::kind_name;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// At most this many reasons are kept per example.
const MAX_REASONS: usize = 6;
const MAX_DEPTH: usize = 64;
/// As the emitter's `plan::MAX_VARIANTS`.
const MAX_VARIANTS: usize = 64;

/// The schema's struct and enum types, by qualified name, with their flattened fields.
///
/// The two maps are shared (see [`Predictor::worker`]); the memo of field maps is each
/// predictor's own.
pub(crate) struct Predictor<'s> {
    types: Arc<BTreeMap<&'s str, &'s TypeDef>>,
    /// Base type -> the struct types derived from it, for the bases the emitter gives a
    /// polymorphic enum (at most [`MAX_VARIANTS`] derived types).
    derived: Arc<BTreeMap<&'s str, BTreeSet<&'s str>>>,
    /// The namespaces of the schema's types.
    namespaces: Arc<BTreeSet<&'s str>>,
    fields: std::cell::RefCell<BTreeMap<&'s str, std::rc::Rc<BTreeMap<&'s str, &'s Property>>>>,
}

/// The maps of a [`Predictor`], to share between threads.
#[derive(Clone)]
pub(crate) struct PredictorMaps<'s> {
    types: Arc<BTreeMap<&'s str, &'s TypeDef>>,
    derived: Arc<BTreeMap<&'s str, BTreeSet<&'s str>>>,
    namespaces: Arc<BTreeSet<&'s str>>,
}

/// What a value of some type is, as the generated code sees it.
enum Kind<'s> {
    Any,
    Str,
    Bool,
    Int(i64, i64),
    Float,
    DateTime,
    Date,
    Time,
    Duration,
    Guid,
    Binary,
    Enum,
    Struct(&'s TypeDef),
    /// An open type read as a map (see `TypeDef::map_values`): every property but the
    /// annotations is `null` or a value of the named type.
    Map(&'s str),
}

#[derive(Default)]
struct Outcome {
    deserializes: bool,
    fully_typed: bool,
    reasons: Vec<String>,
}

impl Outcome {
    fn fail(&mut self, reason: String) {
        self.deserializes = false;
        self.fully_typed = false;
        self.note(reason);
    }

    fn untyped(&mut self, reason: String) {
        self.fully_typed = false;
        self.note(reason);
    }

    fn note(&mut self, reason: String) {
        if self.reasons.len() < MAX_REASONS && !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }
}

/// Whether the emitter makes `def` a struct: not an enum, nor an alias (any JSON, an open map).
fn is_struct(def: &TypeDef) -> bool {
    def.kind != TypeKind::Enum && !def.any_json && def.map_values.is_none()
}

/// `{"value": [...], ...}` with nothing but annotations besides `value`.
pub(crate) fn is_page(obj: &Map<String, Value>) -> bool {
    matches!(obj.get("value"), Some(Value::Array(_)))
        && obj.keys().all(|k| k == "value" || crate::json::is_annotation(k))
}

impl<'s> Predictor<'s> {
    pub(crate) fn new(types: &'s [TypeDef]) -> Self {
        let mut map = BTreeMap::new();
        for def in types {
            map.entry(def.name.as_str()).or_insert(def);
        }
        let namespaces = types.iter().map(|d| crate::ir::split_qualified(&d.name).0).collect();
        let mut p = Predictor {
            types: Arc::new(map),
            derived: Arc::default(),
            namespaces: Arc::new(namespaces),
            fields: Default::default(),
        };
        let mut derived: BTreeMap<&'s str, BTreeSet<&'s str>> = BTreeMap::new();
        for def in p.types.values().filter(|d| d.kind != TypeKind::Enum) {
            let chain = p.chain(def);
            for base in &chain[..chain.len() - 1] {
                derived.entry(base.name.as_str()).or_default().insert(def.name.as_str());
            }
        }
        derived.retain(|_, list| list.len() <= MAX_VARIANTS);
        p.derived = Arc::new(derived);
        p
    }

    /// What a parallel worker's predictor is made from: the maps, shared, since building
    /// them walks every type's chain (a `Predictor` itself is not `Sync`: its memo is a
    /// `RefCell`).
    pub(crate) fn shared(&self) -> PredictorMaps<'s> {
        PredictorMaps {
            types: Arc::clone(&self.types),
            derived: Arc::clone(&self.derived),
            namespaces: Arc::clone(&self.namespaces),
        }
    }

    /// A predictor on maps from [`Predictor::shared`], with an empty memo of its own.
    pub(crate) fn worker(maps: &PredictorMaps<'s>) -> Self {
        Predictor {
            types: Arc::clone(&maps.types),
            derived: Arc::clone(&maps.derived),
            namespaces: Arc::clone(&maps.namespaces),
            fields: Default::default(),
        }
    }

    /// The type a value of `def` is read as: the derived type its `@odata.type` names, when
    /// `def` has a polymorphic enum listing it.
    /// A name in a namespace no type has is read in `def`'s, as the generated code reads it
    /// (`runtime::odata_type_name`).
    fn pick(&self, def: &'s TypeDef, value: &Value) -> &'s TypeDef {
        let Some(list) = self.derived.get(def.name.as_str()) else { return def };
        let named = value.get("@odata.type").and_then(Value::as_str).map(|t| {
            let t = t.trim_start_matches('#');
            let namespace = crate::ir::split_qualified(&def.name).0;
            match t.rsplit_once('.') {
                Some((ns, _)) if self.namespaces.contains(ns) => t.to_string(),
                Some((_, local)) => format!("{namespace}.{local}"),
                None => format!("{namespace}.{t}"),
            }
        });
        match named.filter(|n| list.contains(n.as_str())).and_then(|n| self.types.get(n.as_str())) {
            Some(derived) => derived,
            None => def,
        }
    }

    /// The type a reference names, as the emitter resolves it.
    fn resolve(&self, name: &str) -> Option<&'s TypeDef> {
        if let Some(def) = self.types.get(name) {
            return Some(def);
        }
        if !name.contains('.') {
            return self.types.get(format!("microsoft.graph.{name}").as_str()).copied();
        }
        None
    }

    /// The struct type `name` names, if any.
    pub(crate) fn struct_type(&self, name: &str) -> Option<&'s TypeDef> {
        self.resolve(name).filter(|d| is_struct(d))
    }

    /// Base chain, root first, ending with `def` (as the emitter flattens it).
    fn chain(&self, def: &'s TypeDef) -> Vec<&'s TypeDef> {
        let mut chain = vec![def];
        let mut seen = BTreeSet::from([def.name.as_str()]);
        let mut current = def;
        while let Some(base) = current.base.as_deref().and_then(|b| self.resolve(b)) {
            if !is_struct(base) || !seen.insert(base.name.as_str()) {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain.reverse();
        chain
    }

    /// Whether `derived` has `base` in its chain.
    pub(crate) fn derives_from(&self, derived: &'s TypeDef, base: &str) -> bool {
        self.chain(derived).iter().any(|d| d.name == base)
    }

    /// Whether `def` or a base declares the property `name`.
    pub(crate) fn declares(&self, def: &'s TypeDef, name: &str) -> bool {
        self.fields(def).contains_key(name)
    }

    fn fields(&self, def: &'s TypeDef) -> std::rc::Rc<BTreeMap<&'s str, &'s Property>> {
        if let Some(f) = self.fields.borrow().get(def.name.as_str()) {
            return f.clone();
        }
        let mut out = BTreeMap::new();
        for declaring in self.chain(def) {
            for p in &declaring.properties {
                if p.name != "@odata.type" {
                    out.insert(p.name.as_str(), p);
                }
            }
        }
        let out = std::rc::Rc::new(out);
        self.fields.borrow_mut().insert(def.name.as_str(), out.clone());
        out
    }

    fn kind(&self, type_name: &str) -> Kind<'s> {
        if edm::is_primitive(type_name) {
            let is = |c: &str| type_name.eq_ignore_ascii_case(c);
            return if is(edm::STRING) || is(edm::STREAM) {
                Kind::Str
            } else if is(edm::BOOLEAN) {
                Kind::Bool
            } else if is(edm::INT32) {
                Kind::Int(i32::MIN.into(), i32::MAX.into())
            } else if is(edm::INT64) {
                Kind::Int(i64::MIN, i64::MAX)
            } else if is(edm::INT16) {
                Kind::Int(i16::MIN.into(), i16::MAX.into())
            } else if is(edm::BYTE) {
                Kind::Int(0, 255)
            } else if is(edm::SBYTE) {
                Kind::Int(-128, 127)
            } else if is(edm::DOUBLE) || is(edm::DECIMAL) || is(edm::SINGLE) {
                Kind::Float
            } else if is(edm::DATE_TIME_OFFSET) {
                Kind::DateTime
            } else if is(edm::DATE) {
                Kind::Date
            } else if is(edm::TIME_OF_DAY) {
                Kind::Time
            } else if is(edm::DURATION) {
                Kind::Duration
            } else if is(edm::GUID) {
                Kind::Guid
            } else if is(edm::BINARY) {
                Kind::Binary
            } else {
                Kind::Any
            };
        }
        match self.resolve(type_name) {
            Some(def) if def.kind == TypeKind::Enum => Kind::Enum,
            // An alias of `serde_json::Value`: it takes anything, and gives it back as it was.
            Some(def) if def.any_json => Kind::Any,
            Some(TypeDef { map_values: Some(values), .. }) => Kind::Map(values),
            Some(def) => Kind::Struct(def),
            None => Kind::Any,
        }
    }

    /// Predicts `value` read as `def` (a page or an array of it when `collection`).
    pub(crate) fn predict(&self, def: &'s TypeDef, collection: bool, value: &Value, example: &mut Example) {
        let mut out = Outcome { deserializes: true, fully_typed: true, reasons: Vec::new() };
        if collection {
            match value {
                Value::Array(items) => self.items(def, items, "", &mut out, 0),
                Value::Object(obj) => self.page(def, obj, &mut out),
                other => out.fail(format!("the body is {} where a collection is expected", kind_name(other))),
            }
        } else {
            self.structure(def, value, "", &mut out, 0);
        }
        example.deserializes = out.deserializes;
        example.fully_typed = out.fully_typed;
        example.reasons = out.reasons;
    }

    fn page(&self, def: &'s TypeDef, obj: &Map<String, Value>, out: &mut Outcome) {
        for (key, value) in obj {
            match key.as_str() {
                "value" => match value {
                    Value::Array(items) => self.items(def, items, "value", out, 0),
                    other => out.fail(format!("`value` is {} where an array is expected", kind_name(other))),
                },
                "@odata.nextLink" | "@odata.deltaLink" | "@odata.context" => {
                    if !matches!(value, Value::String(_) | Value::Null) {
                        out.fail(format!("`{key}` is {} where a string is expected", kind_name(value)));
                    }
                }
                "@odata.count" => {
                    if !(value.is_null() || value.as_i64().is_some()) {
                        out.fail(format!("`@odata.count` is {} where an Int64 is expected", kind_name(value)));
                    }
                }
                k if crate::json::is_annotation(k) => {}
                k => out.untyped(format!("key `{k}` of the collection page is not `value` or an annotation")),
            }
        }
    }

    fn items(&self, def: &'s TypeDef, items: &[Value], path: &str, out: &mut Outcome, depth: usize) {
        for (i, item) in items.iter().enumerate() {
            self.structure(def, item, &format!("{path}[{i}]"), out, depth + 1);
        }
    }

    fn structure(&self, def: &'s TypeDef, value: &Value, path: &str, out: &mut Outcome, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let at = if path.is_empty() { "the body".to_string() } else { format!("`{path}`") };
        let def = self.pick(def, value);
        let Value::Object(obj) = value else {
            out.fail(format!("{at} is {} where `{}` (an object) is expected", kind_name(value), def.name));
            return;
        };
        let fields = self.fields(def);
        let said = obj.get("@odata.type").and_then(Value::as_str).map(|t| t.trim_start_matches('#'));
        for (key, v) in obj {
            let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            if key == "@odata.type" {
                if !matches!(v, Value::String(_) | Value::Null) {
                    out.fail(format!("`{here}` is {} where a string is expected", kind_name(v)));
                }
                continue;
            }
            if let Some(p) = fields.get(key.as_str()) {
                self.field(p, v, &here, out, depth);
                continue;
            }
            if crate::json::is_annotation(key) {
                continue;
            }
            let derived = said.filter(|t| !t.eq_ignore_ascii_case(&def.name));
            match derived {
                Some(t) => out.untyped(format!(
                    "key `{here}` is declared by no table of `{}` (the value says it is `{t}`: a derived type's \
                     properties stay in `additional_data`)",
                    def.name
                )),
                None => out.untyped(format!("key `{here}` is declared by no table of `{}`", def.name)),
            }
        }
    }

    fn field(&self, p: &'s Property, v: &Value, here: &str, out: &mut Outcome, depth: usize) {
        if v.is_null() {
            return;
        }
        let kind = self.kind(&p.type_name);
        if p.collection {
            let Value::Array(items) = v else {
                out.fail(format!("`{here}` is {} where a collection of `{}` is expected", kind_name(v), p.type_name));
                return;
            };
            for (i, item) in items.iter().enumerate() {
                let at = format!("{here}[{i}]");
                if item.is_null() && !matches!(kind, Kind::Any) {
                    out.fail(format!("`{at}` is null in a collection of `{}`", p.type_name));
                } else {
                    self.value(&kind, &p.type_name, item, &at, out, depth + 1);
                }
            }
        } else {
            self.value(&kind, &p.type_name, v, here, out, depth);
        }
    }

    fn value(&self, kind: &Kind<'s>, type_name: &str, v: &Value, here: &str, out: &mut Outcome, depth: usize) {
        let wrong =
            |out: &mut Outcome| out.fail(format!("`{here}` is {} where `{type_name}` is expected", kind_name(v)));
        let unparsable =
            |out: &mut Outcome, s: &str| out.fail(format!("`{here}` is `{s}`, which is not a valid `{type_name}`"));
        match kind {
            Kind::Any => {}
            Kind::Str | Kind::Enum => {
                if !v.is_string() {
                    wrong(out)
                }
            }
            Kind::Bool => {
                if !v.is_boolean() {
                    wrong(out)
                }
            }
            Kind::Int(min, max) => match v {
                Value::Number(n) => {
                    let fits = match (n.as_i64(), n.as_u64()) {
                        (Some(i), _) => (*min..=*max).contains(&i),
                        (None, Some(u)) => i64::try_from(u).is_ok_and(|i| i <= *max),
                        _ => false,
                    };
                    if !fits {
                        out.fail(format!("`{here}` is {n}, which is not a valid `{type_name}`"));
                    }
                }
                _ => wrong(out),
            },
            Kind::Float => {
                if !v.is_number() {
                    wrong(out)
                }
            }
            Kind::DateTime | Kind::Date | Kind::Time | Kind::Duration | Kind::Guid | Kind::Binary => {
                let Value::String(s) = v else { return wrong(out) };
                let ok = match kind {
                    Kind::DateTime => s.parse::<chrono::DateTime<chrono::FixedOffset>>().is_ok(),
                    Kind::Date => s.parse::<chrono::NaiveDate>().is_ok(),
                    Kind::Time => s.parse::<chrono::NaiveTime>().is_ok(),
                    Kind::Duration => s.parse::<jiff::Span>().is_ok(),
                    Kind::Guid => s.parse::<uuid::Uuid>().is_ok(),
                    _ => {
                        use base64::Engine as _;
                        base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT.decode(s.as_bytes()).is_ok()
                    }
                };
                if !ok {
                    unparsable(out, s)
                }
            }
            Kind::Struct(def) => self.structure(def, v, here, out, depth + 1),
            Kind::Map(values) => {
                let Value::Object(obj) = v else { return wrong(out) };
                let kind = self.kind(values);
                for (key, item) in obj.iter().filter(|(k, item)| !crate::json::is_annotation(k) && !item.is_null()) {
                    self.value(&kind, values, item, &format!("{here}.{key}"), out, depth + 1);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn prop(name: &str, type_name: &str, collection: bool) -> Property {
        Property {
            name: name.into(),
            type_name: type_name.into(),
            collection,
            nullable: true,
            navigation: false,
            description: None,
            sources: Vec::new(),
        }
    }

    fn def(name: &str, base: Option<&str>, properties: Vec<Property>) -> TypeDef {
        TypeDef {
            name: name.into(),
            kind: TypeKind::Complex,
            base: base.map(Into::into),
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

    fn predict(types: &[TypeDef], ty: &str, collection: bool, value: Value) -> (bool, bool, Vec<String>) {
        let p = Predictor::new(types);
        let mut e = Example {
            type_name: ty.into(),
            collection,
            source: String::new(),
            value: value.clone(),
            deserializes: true,
            fully_typed: true,
            reasons: Vec::new(),
        };
        p.predict(p.struct_type(ty).expect("type"), collection, &value, &mut e);
        (e.deserializes, e.fully_typed, e.reasons)
    }

    #[test]
    fn predictions_follow_the_generated_models() {
        let types = vec![
            def("n.base", None, vec![prop("id", edm::STRING, false), prop("when", edm::DATE_TIME_OFFSET, false)]),
            def("n.derived", Some("n.base"), vec![prop("n", edm::INT32, false)]),
            def("n.holder", None, vec![prop("items", "n.base", true)]),
        ];
        let typed = predict(
            &types,
            "n.base",
            false,
            json!({"id": "1", "when": "2020-07-06T06:34:12.2294868Z", "@odata.etag": "x"}),
        );
        assert_eq!(typed, (true, true, vec![]));
        let (de, full, reasons) = predict(&types, "n.base", false, json!({"id": "1", "extra": true}));
        assert!(de && !full && reasons[0].contains("`extra`"), "{reasons:?}");
        let (de, _, reasons) = predict(&types, "n.base", false, json!({"when": "yesterday"}));
        assert!(!de && reasons[0].contains("not a valid `Edm.DateTimeOffset`"), "{reasons:?}");
        // A derived value where the base is declared is read as the derived type.
        let poly = json!({"items": [{"@odata.type": "#n.derived", "id": "1", "n": 5}, {"id": "2"}]});
        assert_eq!(predict(&types, "n.holder", false, poly), (true, true, vec![]));
        let (de, _, _) =
            predict(&types, "n.holder", false, json!({"items": [{"@odata.type": "#n.derived", "n": 5.5}]}));
        assert!(!de);
        // Pages and arrays.
        let page = json!({"@odata.nextLink": "https://x", "value": [{"id": "1"}]});
        assert_eq!(predict(&types, "n.base", true, page), (true, true, vec![]));
        let (de, _, _) = predict(&types, "n.base", true, json!([null]));
        assert!(!de);
    }

    #[test]
    fn odd_namespaces_and_unprefixed_annotations_read_as_the_generated_code_reads_them() {
        let types = vec![
            def("n.base", None, vec![prop("id", edm::STRING, false)]),
            def("n.derived", Some("n.base"), vec![prop("n", edm::INT32, false)]),
            def("n.holder", None, vec![prop("items", "n.base", true)]),
        ];
        // A namespace no type has (or none): the derived type of that name in the base's.
        for named in ["#Other.Service.derived", "derived"] {
            let body = json!({"items": [{"@odata.type": named, "id": "1", "n": 5}]});
            assert_eq!(predict(&types, "n.holder", false, body), (true, true, vec![]), "{named}");
        }
        // A namespace the schema has is taken as written: `n.other` is no `n.derived`.
        let (de, full, _) = predict(&types, "n.holder", false, json!({"items": [{"@odata.type": "#n.other", "n": 5}]}));
        assert!(de && !full);
        // `odata.context` is OData's older spelling of `@odata.context`: control information.
        let page = json!({"odata.context": "https://x", "value": [{"id": "1"}]});
        assert_eq!(predict(&types, "n.base", true, page), (true, true, vec![]));
    }

    #[test]
    fn an_open_map_checks_each_value() {
        let mut items = def("n.items", None, Vec::new());
        items.map_values = Some("n.item".into());
        let mut ids = def("n.ids", None, Vec::new());
        ids.map_values = Some(edm::BOOLEAN.into());
        let types = vec![
            items,
            ids,
            def("n.item", None, vec![prop("title", edm::STRING, false)]),
            def("n.details", None, vec![prop("checklist", "n.items", false), prop("sharedWith", "n.ids", false)]),
        ];
        let body = json!({
            "checklist": {"@odata.type": "#n.items", "a": {"title": "x"}, "b": null},
            "sharedWith": {"u1": true, "@odata.type": "#n.ids"}
        });
        assert_eq!(predict(&types, "n.details", false, body), (true, true, vec![]));
        let (de, full, reasons) = predict(&types, "n.details", false, json!({"checklist": {"a": {"extra": 1}}}));
        assert!(de && !full && reasons[0].contains("`checklist.a.extra`"), "{reasons:?}");
        let (de, _, reasons) = predict(&types, "n.details", false, json!({"sharedWith": {"u1": "yes"}}));
        assert!(!de && reasons[0].contains("`sharedWith.u1`"), "{reasons:?}");
        let (de, _, _) = predict(&types, "n.details", false, json!({"sharedWith": [true]}));
        assert!(!de);
    }

    #[test]
    fn an_any_json_type_takes_any_value() {
        let mut json_type = def("n.Json", None, Vec::new());
        json_type.any_json = true;
        let types = vec![json_type, def("n.range", None, vec![prop("values", "n.Json", false)])];
        for values in [json!([["Hello", "100"], ["1/1/2016", null]]), json!("text"), json!({"a": 1}), json!(3)] {
            assert_eq!(predict(&types, "n.range", false, json!({ "values": values })), (true, true, vec![]));
        }
    }
}
