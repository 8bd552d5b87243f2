using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Visnyk.Tests.Feeds;

// The shape of a sitemap of URLs as search engines read it: loc, an optional lastmod, then
// Google's hreflang links (xhtml:link rel=alternate, each with a language and an address), and
// nothing else. Written here from sitemaps.org's protocol and Google's page on localized versions,
// reduced to what Visnyk writes, so that a parser, not string matching, judges the output.
public static class SitemapSchema
{
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    const string Urlset = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xhtml="http://www.w3.org/1999/xhtml"
                   targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
          <xs:import namespace="http://www.w3.org/1999/xhtml"/>
          <xs:element name="urlset">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="url" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="loc" type="xs:anyURI"/>
                      <xs:element name="lastmod" type="xs:dateTime" minOccurs="0"/>
                      <xs:element ref="xhtml:link" minOccurs="0" maxOccurs="unbounded"/>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    const string Link = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
          <xs:element name="link">
            <xs:complexType>
              <xs:attribute name="rel" use="required">
                <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="alternate"/></xs:restriction></xs:simpleType>
              </xs:attribute>
              <xs:attribute name="hreflang" type="xs:language" use="required"/>
              <xs:attribute name="href" type="xs:anyURI" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    static readonly XmlSchemaSet Schemas = Load();

    static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        set.Add(XmlSchema.Read(new StringReader(Link), null)!);
        set.Add(XmlSchema.Read(new StringReader(Urlset), null)!);
        set.Compile();
        return set;
    }

    // The document parsed, after checking it against the schema (every error listed on failure).
    public static XDocument Parse(string xml)
    {
        var document = XDocument.Parse(xml);
        var errors = new List<string>();
        document.Validate(Schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.True(errors.Count == 0, $"{errors.Count} errors, the first: " + string.Join("\n", errors.Take(5)));
        return document;
    }

    // Each URL's path with its hreflang links (hreflang to the linked path), in the document's order.
    // The xhtml prefix is declared once, on the root, as in Google's examples.
    public static Dictionary<string, Dictionary<string, string>> Alternates(XDocument urlset)
    {
        Assert.Equal(Xhtml.NamespaceName, urlset.Root!.GetNamespaceOfPrefix("xhtml")?.NamespaceName);
        return urlset.Root.Elements(Sitemap + "url").ToDictionary(
            u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath,
            u => u.Elements(Xhtml + "link").ToDictionary(l => l.Attribute("hreflang")!.Value, l => new Uri(l.Attribute("href")!.Value).AbsolutePath));
    }
}
