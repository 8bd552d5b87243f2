namespace Visnyk.Site;

public static class Contact
{
    // An e-mail address shown behind mailto: (empty allowed): one @, no spaces, no second scheme.
    public const string EmailPattern = @"^[^@\s:/?#]+@[^@\s:/?#]+$";

    // "+380 (532) 56-02-90" -> "tel:+380532560290": phones are dialled straight from a phone.
    public static string Tel(string phone) =>
        "tel:" + new string(phone.Where(c => char.IsDigit(c) || c == '+').ToArray());
}
