namespace Visnyk.Media;

// The text an article gives one of its photos (description for screen readers, caption, credit).
// A null part means "keep": Over fills it from the text the photo had, or the library's default.
public record PhotoText(string? Alt, string? Caption, string? Credit)
{
    public const int MaxAlt = 500, MaxCaption = 500, MaxCredit = 200;

    public static readonly PhotoText Keep = new(null, null, null);
    public static readonly PhotoText None = new("", "", "");

    public static PhotoText Of(Image image) => new(image.Alt, image.Caption, image.Credit);

    // Typed in a form: trimmed and cut to the lengths the forms allow.
    public static PhotoText Typed(string? alt, string? caption, string? credit) =>
        new(Clip(alt, MaxAlt), Clip(caption, MaxCaption), Clip(credit, MaxCredit));

    public PhotoText Over(PhotoText start) => new(Alt ?? start.Alt ?? "", Caption ?? start.Caption ?? "", Credit ?? start.Credit ?? "");

    public static string? Clip(string? text, int max)
    {
        var value = text?.Trim();
        return value?.Length > max ? value[..max] : value;
    }
}
