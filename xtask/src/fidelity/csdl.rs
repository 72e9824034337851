//! The parts of an OData CSDL (`$metadata`) document that the fidelity score compares:
//! entity, complex and enum types with their properties, navigation properties and members.
//!
//! Annotations, terms, functions, actions and the entity container are skipped. Type
//! references are stored fully qualified: schema aliases (`graph.entity`) are resolved
//! against every `<Schema Alias=...>` and `<edmx:Include Alias=...>` of the document,
//! wherever in the document the alias is declared.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// What kind of type a CSDL definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CsdlKind {
    Entity,
    Complex,
    Enum,
}

impl CsdlKind {
    /// `entity`, `complex` or `enum`, as the schema's JSON spells its kinds.
    pub fn as_str(self) -> &'static str {
        match self {
            CsdlKind::Entity => "entity",
            CsdlKind::Complex => "complex",
            CsdlKind::Enum => "enum",
        }
    }
}

/// A `Property` or `NavigationProperty`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsdlProperty {
    pub name: String,
    /// Fully qualified (`Edm.String`, `microsoft.graph.entity`), without `Collection(...)`.
    pub type_name: String,
    /// The declared type was `Collection(...)`.
    pub collection: bool,
}

/// An enum `Member`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsdlMember {
    pub name: String,
    pub value: Option<i64>,
}

/// An `EntityType`, `ComplexType` or `EnumType`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsdlType {
    /// `Namespace.Name`.
    pub name: String,
    pub kind: CsdlKind,
    /// Fully qualified `BaseType`.
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    /// Structural properties (`Property`), in document order.
    pub properties: Vec<CsdlProperty>,
    /// `NavigationProperty` elements, in document order.
    pub navigation: Vec<CsdlProperty>,
    /// Enum members, in document order.
    pub members: Vec<CsdlMember>,
    /// `IsFlags="true"`.
    pub flags: bool,
}

impl CsdlType {
    /// True for entity and complex types.
    pub fn is_struct(&self) -> bool {
        self.kind != CsdlKind::Enum
    }
}

/// The types of a CSDL document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csdl {
    /// By qualified name (the first definition wins if a name repeats).
    pub types: BTreeMap<String, CsdlType>,
    /// Alias -> namespace, from `Schema` and `edmx:Include` elements.
    pub aliases: BTreeMap<String, String>,
    /// The namespaces of the `Schema` elements, in document order.
    pub namespaces: Vec<String>,
    /// Lower-cased qualified name -> qualified name.
    lower: HashMap<String, String>,
}

/// Why a CSDL document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// 1-based line and column of the problem.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for Error {}

/// The element kinds the parser tracks; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    Schema,
    Type,
    Other,
}

impl Csdl {
    /// Parses a CSDL XML document.
    pub fn parse(xml: &str) -> Result<Csdl, Error> {
        let mut reader = Reader::from_str(xml);
        let mut csdl = Csdl::default();
        // Elements currently open, and the namespace of the innermost open `Schema`.
        let mut stack: Vec<Elem> = Vec::new();
        let mut namespace: Option<String> = None;
        let mut current: Option<CsdlType> = None;
        let mut saw_schema = false;
        loop {
            let at = reader.buffer_position();
            let event = reader.read_event().map_err(|e| error_at(xml, reader.error_position(), e.to_string()))?;
            let err = |message: String| error_at(xml, at, message);
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let parent = stack.last().copied();
                    let local = e.local_name();
                    let elem = match local.as_ref() {
                        b"Schema" => {
                            let ns = attr(e, "Namespace")
                                .map_err(&err)?
                                .ok_or_else(|| err(missing("Schema", "Namespace")))?;
                            if let Some(alias) = attr(e, "Alias").map_err(&err)? {
                                csdl.aliases.insert(alias, ns.clone());
                            }
                            csdl.namespaces.push(ns.clone());
                            namespace = Some(ns);
                            saw_schema = true;
                            Elem::Schema
                        }
                        b"Include" => {
                            if let (Some(ns), Some(alias)) =
                                (attr(e, "Namespace").map_err(&err)?, attr(e, "Alias").map_err(&err)?)
                            {
                                csdl.aliases.insert(alias, ns);
                            }
                            Elem::Other
                        }
                        tag @ (b"EntityType" | b"ComplexType" | b"EnumType") if parent == Some(Elem::Schema) => {
                            let kind = match tag {
                                b"EntityType" => CsdlKind::Entity,
                                b"ComplexType" => CsdlKind::Complex,
                                _ => CsdlKind::Enum,
                            };
                            let what = std::str::from_utf8(tag).unwrap_or("type");
                            let name = attr(e, "Name").map_err(&err)?.ok_or_else(|| err(missing(what, "Name")))?;
                            let ns = namespace.as_deref().unwrap_or_default();
                            current = Some(CsdlType {
                                name: format!("{ns}.{name}"),
                                kind,
                                base: attr(e, "BaseType").map_err(&err)?,
                                is_abstract: bool_attr(e, "Abstract").map_err(&err)?,
                                open_type: bool_attr(e, "OpenType").map_err(&err)?,
                                properties: Vec::new(),
                                navigation: Vec::new(),
                                members: Vec::new(),
                                flags: bool_attr(e, "IsFlags").map_err(&err)?,
                            });
                            Elem::Type
                        }
                        tag @ (b"Property" | b"NavigationProperty") if parent == Some(Elem::Type) => {
                            let what = std::str::from_utf8(tag).unwrap_or("property");
                            let name = attr(e, "Name").map_err(&err)?.ok_or_else(|| err(missing(what, "Name")))?;
                            let ty = attr(e, "Type").map_err(&err)?.ok_or_else(|| err(missing(what, "Type")))?;
                            let (type_name, collection) = split_collection(&ty);
                            let p = CsdlProperty { name, type_name: type_name.to_string(), collection };
                            if let Some(t) = current.as_mut() {
                                if tag == b"Property" {
                                    t.properties.push(p);
                                } else {
                                    t.navigation.push(p);
                                }
                            }
                            Elem::Other
                        }
                        b"Member" if parent == Some(Elem::Type) => {
                            let name = attr(e, "Name").map_err(&err)?.ok_or_else(|| err(missing("Member", "Name")))?;
                            let value = match attr(e, "Value").map_err(&err)? {
                                None => None,
                                Some(v) => Some(
                                    v.trim()
                                        .parse::<i64>()
                                        .map_err(|_| err(format!("Member `{name}`: Value `{v}` is not an integer")))?,
                                ),
                            };
                            if let Some(t) = current.as_mut() {
                                t.members.push(CsdlMember { name, value });
                            }
                            Elem::Other
                        }
                        _ => Elem::Other,
                    };
                    if empty {
                        close(elem, &mut current, &mut csdl, &mut namespace);
                    } else {
                        stack.push(elem);
                    }
                }
                Event::End(_) => {
                    if let Some(elem) = stack.pop() {
                        close(elem, &mut current, &mut csdl, &mut namespace);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !saw_schema {
            return Err(error_at(xml, 0, "no <Schema> element: not a CSDL document".into()));
        }
        csdl.resolve_aliases();
        csdl.lower = csdl.types.keys().map(|k| (k.to_lowercase(), k.clone())).collect();
        Ok(csdl)
    }

    /// Rewrites every type reference with an alias prefix to its namespace.
    fn resolve_aliases(&mut self) {
        let aliases = self.aliases.clone();
        for t in self.types.values_mut() {
            if let Some(b) = t.base.as_mut() {
                *b = resolve(&aliases, b);
            }
            for p in t.properties.iter_mut().chain(t.navigation.iter_mut()) {
                p.type_name = resolve(&aliases, &p.type_name);
            }
        }
    }

    /// `graph.entity` -> `microsoft.graph.entity`; other names are returned as they are.
    pub fn resolve_alias(&self, name: &str) -> String {
        resolve(&self.aliases, name)
    }

    /// The type with this qualified name, exactly.
    pub fn get(&self, name: &str) -> Option<&CsdlType> {
        self.types.get(name)
    }

    /// The type with this qualified name, ignoring letter case (and resolving an alias).
    pub fn get_ignore_case(&self, name: &str) -> Option<&CsdlType> {
        self.types.get(name).or_else(|| {
            let name = self.resolve_alias(name).to_lowercase();
            self.lower.get(&name).and_then(|k| self.types.get(k))
        })
    }

    /// The type followed by its base types, nearest first; stops at an unknown base or a cycle.
    pub fn chain<'a>(&'a self, t: &'a CsdlType) -> Vec<&'a CsdlType> {
        let mut out = vec![t];
        let mut seen = std::collections::HashSet::from([t.name.as_str()]);
        let mut next = t.base.as_deref();
        while let Some(b) = next {
            let Some(bt) = self.get_ignore_case(b) else { break };
            if !seen.insert(bt.name.as_str()) {
                break;
            }
            out.push(bt);
            next = bt.base.as_deref();
        }
        out
    }
}

/// Ends an element: a finished type goes into the document, a finished schema clears the namespace.
fn close(elem: Elem, current: &mut Option<CsdlType>, csdl: &mut Csdl, namespace: &mut Option<String>) {
    match elem {
        Elem::Type => {
            if let Some(t) = current.take() {
                csdl.types.entry(t.name.clone()).or_insert(t);
            }
        }
        Elem::Schema => *namespace = None,
        Elem::Other => {}
    }
}

fn resolve(aliases: &BTreeMap<String, String>, name: &str) -> String {
    if let Some((prefix, rest)) = name.rsplit_once('.') {
        if let Some(ns) = aliases.get(prefix) {
            return format!("{ns}.{rest}");
        }
    }
    name.to_string()
}

/// `Collection(X)` -> (`X`, true); anything else -> (itself, false).
pub fn split_collection(ty: &str) -> (&str, bool) {
    let ty = ty.trim();
    match ty.strip_prefix("Collection(").and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (inner.trim(), true),
        None => (ty, false),
    }
}

fn missing(element: &str, attribute: &str) -> String {
    format!("<{element}> without a `{attribute}` attribute")
}

/// The value of an attribute (by local name), entities resolved.
fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        if a.key.local_name().as_ref() == name.as_bytes() {
            let v = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| err.to_string())?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn bool_attr(e: &BytesStart<'_>, name: &str) -> Result<bool, String> {
    Ok(match attr(e, name)? {
        None => false,
        Some(v) => match v.trim() {
            "true" | "1" => true,
            "false" | "0" => false,
            other => return Err(format!("`{name}=\"{other}\"` is not a boolean")),
        },
    })
}

fn error_at(xml: &str, pos: u64, message: String) -> Error {
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
    let before = xml.as_bytes()[..pos].iter().rposition(|&b| b == b'\n');
    let line = xml.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
    let column = pos - before.map_or(0, |i| i + 1) + 1;
    Error { line, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph.sub" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="thing" BaseType="g.entity">
        <Property Name="tags" Type="Collection(Edm.String)" Nullable="false" />
        <NavigationProperty Name="owner" Type="g.user" />
      </EntityType>
    </Schema>
    <Schema Namespace="microsoft.graph" Alias="g" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="color" IsFlags="true">
        <Member Name="red" Value="1" />
        <Member Name="blue" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key><PropertyRef Name="id" /></Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="user" BaseType="g.entity" OpenType="true">
        <Property Name="colors" Type="g.color" />
        <NavigationProperty Name="things" Type="Collection(microsoft.graph.sub.thing)" ContainsTarget="true" />
        <Annotation Term="Org.OData.Core.V1.Description">
          <Record><PropertyValue Property="Property" String="x" /></Record>
        </Annotation>
      </EntityType>
      <ComplexType Name="empty" />
      <Function Name="f"><Parameter Name="p" Type="g.user" /><ReturnType Type="Edm.String" /></Function>
      <EntityContainer Name="GraphService"><EntitySet Name="users" EntityType="g.user" /></EntityContainer>
      <Annotations Target="g.user"><Annotation Term="x"><Collection><Record><PropertyValue Property="Member" /></Record></Collection></Annotation></Annotations>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
"#;

    #[test]
    fn parses_types_and_resolves_aliases_declared_later() {
        let c = Csdl::parse(DOC).unwrap();
        assert_eq!(c.namespaces, ["microsoft.graph.sub", "microsoft.graph"]);
        assert_eq!(c.aliases.get("g").map(String::as_str), Some("microsoft.graph"));
        let names: Vec<&str> = c.types.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "microsoft.graph.color",
                "microsoft.graph.empty",
                "microsoft.graph.entity",
                "microsoft.graph.sub.thing",
                "microsoft.graph.user"
            ]
        );
        let thing = c.get("microsoft.graph.sub.thing").unwrap();
        assert_eq!(thing.kind, CsdlKind::Entity);
        assert_eq!(thing.base.as_deref(), Some("microsoft.graph.entity"));
        assert_eq!(
            thing.properties,
            [CsdlProperty { name: "tags".into(), type_name: "Edm.String".into(), collection: true }]
        );
        assert_eq!(
            thing.navigation,
            [CsdlProperty { name: "owner".into(), type_name: "microsoft.graph.user".into(), collection: false }]
        );
        let user = c.get("microsoft.graph.user").unwrap();
        assert!(user.open_type && !user.is_abstract);
        assert_eq!(user.properties.len(), 1, "annotation records are not properties");
        assert_eq!(user.properties[0].type_name, "microsoft.graph.color");
        assert_eq!(user.navigation[0].type_name, "microsoft.graph.sub.thing");
        assert!(user.navigation[0].collection);
        assert!(c.get("microsoft.graph.entity").unwrap().is_abstract);
        let color = c.get("microsoft.graph.color").unwrap();
        assert_eq!(color.kind, CsdlKind::Enum);
        assert!(color.flags);
        assert_eq!(
            color.members,
            [CsdlMember { name: "red".into(), value: Some(1) }, CsdlMember { name: "blue".into(), value: Some(2) }]
        );
        let empty = c.get("microsoft.graph.empty").unwrap();
        assert_eq!(empty.kind, CsdlKind::Complex);
        assert!(empty.properties.is_empty());
        assert_eq!(c.get_ignore_case("Microsoft.Graph.USER").map(|t| t.name.as_str()), Some("microsoft.graph.user"));
        assert_eq!(c.get_ignore_case("g.User").map(|t| t.name.as_str()), Some("microsoft.graph.user"));
    }

    #[test]
    fn chains_are_cycle_safe() {
        let c = Csdl::parse(
            r#"<Schema Namespace="n" Alias="a">
                 <ComplexType Name="x" BaseType="a.y"><Property Name="p" Type="Edm.Int32"/></ComplexType>
                 <ComplexType Name="y" BaseType="n.x"/>
                 <ComplexType Name="z" BaseType="n.missing"/>
               </Schema>"#,
        )
        .unwrap();
        let names = |t: &str| c.chain(c.get(t).unwrap()).iter().map(|t| t.name.clone()).collect::<Vec<_>>();
        assert_eq!(names("n.x"), ["n.x", "n.y"]);
        assert_eq!(names("n.y"), ["n.y", "n.x"]);
        assert_eq!(names("n.z"), ["n.z"]);
    }

    #[test]
    fn errors_say_where() {
        let e = Csdl::parse("<Schema Namespace=\"n\">\n  <EntityType BaseType=\"x\"/>\n</Schema>").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3), "{e}");
        assert!(e.message.contains("without a `Name`"), "{e}");
        assert!(Csdl::parse("<Schema Namespace=\"n\"><EnumType Name=\"e\"></Schema>").is_err());
        assert!(Csdl::parse(
            "<Schema Namespace=\"n\"><EnumType Name=\"e\"><Member Name=\"a\" Value=\"x\"/></EnumType></Schema>"
        )
        .is_err());
        assert!(Csdl::parse("<root/>").unwrap_err().message.contains("no <Schema>"));
        assert_eq!(split_collection("Collection(Edm.Int32)"), ("Edm.Int32", true));
        assert_eq!(split_collection("Edm.Int32"), ("Edm.Int32", false));
    }
}
