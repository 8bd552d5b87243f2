namespace Visnyk.Site;

// A device that asks to save data (Save-Data: on, sent in a browser's data-saver or "lite" mode) gets
// the article's gallery closed until the reader opens it (News/Article). That page is another
// variant: the output cache keys it apart (PublicPagePolicy) and the article page says it varies
// by the header (Vary), for the browser's cache and any proxy's.
public static class SaveData
{
    public const string Header = "Save-Data";

    public static bool Asked(HttpRequest request) =>
        request.Headers[Header].Any(v => string.Equals(v?.Trim(), "on", StringComparison.OrdinalIgnoreCase));
}
