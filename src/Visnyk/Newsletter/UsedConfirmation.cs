namespace Visnyk.Newsletter;

// A confirmation link that has been followed: each link subscribes once. Only a hash of what the
// link carries is kept (no address), until the link would have expired anyway.
public class UsedConfirmation
{
    // SHA-256 (hex) of the link's sealed content; see MailTokens.ReadConfirmation.
    public required string Id { get; set; }
    public DateTime ExpiresAt { get; set; }
}
