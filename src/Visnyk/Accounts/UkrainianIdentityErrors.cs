using Microsoft.AspNetCore.Identity;

namespace Visnyk.Accounts;

// Identity's messages, in Ukrainian, for those an editor can meet.
public class UkrainianIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Пароль має містити щонайменше {length} символів." };
    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Посилання недійсне або застаріле. Попросіть адміністратора надіслати нове." };
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Користувач з адресою {email} уже є." };
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Користувач з адресою {userName} уже є." };
    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"Адреса «{email}» не схожа на адресу електронної пошти." };
    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Невірний пароль." };
}
