using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Visnyk.Newsletter;

// The tokens in mailed links, sealed with the site's Data Protection keys: unguessable, and
// impossible to make for another address or to alter without the keys.
// - Confirmation: the address and its choices, valid for MailOptions.ConfirmationHours, once
//   (UsedConfirmation). Nothing about an unconfirmed sign-up is stored; the link carries it.
// - Manage and unsubscribe: a subscriber's id and stamp (and, to unsubscribe, which mail to stop).
//   Deleting the subscriber (or a new stamp) makes old links dead.
public class MailTokens(IDataProtectionProvider provider, IOptions<MailOptions> options, TimeProvider clock)
{
    readonly ITimeLimitedDataProtector confirm = provider.CreateProtector("Visnyk.Newsletter.Confirm").ToTimeLimitedDataProtector();
    readonly IDataProtector manage = provider.CreateProtector("Visnyk.Newsletter.Manage");
    readonly IDataProtector unsubscribe = provider.CreateProtector("Visnyk.Newsletter.Unsubscribe");

    // A saved search's choice carries the search itself (Search; TopicId 0): its row is made only
    // when the link is confirmed.
    public record Choice(TopicKind Kind, int TopicId, Frequency Frequency, SavedSearch.Spec? Search = null);

    // Site: where it was asked for; a link followed on another site's host subscribes to nothing
    // there (its topics are that site's). A link sealed before sites existed is the default site's.
    // Language: of the page it was asked on, the mail's (null: the default language).
    public record SignUp(string Email, IReadOnlyList<Choice> Choices, int Site = Site.Site.Default, string? Language = null)
    {
        // Random, so that two sign-ups with the same choices are two links, each usable once.
        public string Nonce { get; init; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    }

    // A link's sign-up, and what marks the link as used: a hash of its sealed content (not of the
    // token's text, which has more than one spelling) and when it expires.
    public record Confirmation(SignUp SignUp, string UseKey, DateTime ExpiresAt);

    // Cyrillic as it is, not \u-escaped: a search's words would make the link six times longer.
    // (The text is sealed, never written into a page.)
    // Empty fields (a topic's Search) left out: the link stays short.
    static readonly JsonSerializerOptions Sealed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string ForConfirmation(SignUp signUp) => confirm.Protect(
        JsonSerializer.Serialize(signUp, Sealed), clock.GetUtcNow().AddHours(options.Value.ConfirmationHours));

    // Null if forged, damaged or expired.
    public Confirmation? ReadConfirmation(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null; // model binding makes a blank route value null
        }
        try
        {
            var json = confirm.Unprotect(token, out var expires);
            var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{expires.UtcTicks}:{json}")));
            return expires < clock.GetUtcNow() || JsonSerializer.Deserialize<SignUp>(json) is not { } signUp
                ? null : new Confirmation(signUp, key, expires.UtcDateTime);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public string ForManaging(Subscriber subscriber) => ForManaging(subscriber.Id, subscriber.Stamp);

    public string ForManaging(int subscriberId, string stamp) => manage.Protect($"{subscriberId}:{stamp}");

    public (int Id, string Stamp)? ReadManaging(string? token) =>
        Read(manage, token) is [var id, var stamp] && int.TryParse(id, out var n) ? (n, stamp) : null;

    // Stops the mail of one frequency (the kind of message it came in; null: everything), or one
    // saved search whatever its frequency.
    public string ForUnsubscribing(int subscriberId, string stamp, Frequency? frequency, int? search = null) =>
        unsubscribe.Protect($"{subscriberId}:{stamp}:{(frequency is { } f ? (int)f : -1)}" + (search is { } s ? $":{s}" : ""));

    public record Leaving(int Id, string Stamp, Frequency? Frequency, int? Search);

    public Leaving? ReadUnsubscribing(string? token) => Read(unsubscribe, token) switch
    {
        [var id, var stamp, var f] when int.TryParse(id, out var n) && int.TryParse(f, out var k) => new(n, stamp, k < 0 ? null : (Frequency)k, null),
        [var id, var stamp, var f, var s] when int.TryParse(id, out var n) && int.TryParse(f, out var k) && int.TryParse(s, out var search)
            => new(n, stamp, k < 0 ? null : (Frequency)k, search),
        _ => null,
    };

    static string[]? Read(IDataProtector protector, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null; // model binding makes a blank route value null
        }
        try
        {
            return protector.Unprotect(token).Split(':');
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
