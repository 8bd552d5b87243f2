using Microsoft.EntityFrameworkCore;
using Visnyk.Accounts;

namespace Visnyk.Tests.Newsroom;

// Whatever a newsroom form is sent (an empty number, a word where a number or a date goes, text too
// long for a field without a message of its own, a missing choice), it answers in Ukrainian: never
// ASP.NET Core's English ("The value '' is invalid.", "The field Phone must be a string ... maximum
// length of '100'.", "The Role field is required.").
public class FormMessagesTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    static readonly string[] English = ["is invalid", "is not valid", "is required", "must be", "was not provided", "maximum length", "The field", "The value", "The supplied"];

    static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        var errors = string.Join("\n", page.QuerySelectorAll(".form__errors li, .field-validation-error, .form__errors").Select(e => e.TextContent.Trim()));
        foreach (var phrase in English)
        {
            Assert.DoesNotContain(phrase, errors);
        }
        return errors;
    }

    [Fact]
    public async Task Bad_values_in_newsroom_forms_are_refused_in_Ukrainian()
    {
        var admin = await site.SignedInAsync(await site.CreateAsync(Roles.Administrator));
        const string departments = "/admin/departments/edit";

        var empty = await ErrorsAsync(await admin.PostFormAsync(departments, departments, ("Form.Name", "Відділ А"), ("Form.Position", "")));
        Assert.Contains("Поле не заповнено.", empty);
        var word = await ErrorsAsync(await admin.PostFormAsync(departments, departments, ("Form.Name", "Відділ А"), ("Form.Position", "перший")));
        Assert.Contains("«перший» не підходить для поля «Порядок у меню (менше — вище)».", word);
        var phone = await ErrorsAsync(await admin.PostFormAsync(departments, departments, ("Form.Name", "Відділ А"), ("Form.Phone", new string('1', 101))));
        Assert.Contains("«Телефон» — до 100 символів.", phone);

        var invite = await ErrorsAsync(await admin.PostFormAsync("/admin/users", "/admin/users",
            ("Invite.Email", "new.editor@example.gov.ua"), ("Invite.Name", new string('я', 201)), ("Invite.Role", "")));
        Assert.Contains("«Ім’я» — до 200 символів.", invite);
        Assert.Contains("Заповніть поле «Роль».", invite);

        int department;
        await using (site.Scope(out var db))
        {
            department = (await db.Departments.OrderBy(d => d.Id).FirstAsync()).Id;
        }
        var article = await ErrorsAsync(await admin.PostFormAsync("/admin/articles/edit", "/admin/articles/edit?handler=Save",
            ("Form.Title", "Новина з датою"), ("Form.Departments", department.ToString()), ("Form.PublishAt", "завтра зранку")));
        Assert.Contains("Значення «завтра зранку» не підходить.", article);

        await using (site.Scope(out var db))
        {
            Assert.False(await db.Departments.AnyAsync(d => d.Name == "Відділ А"));
            Assert.False(await db.Articles.AnyAsync(a => a.Title == "Новина з датою"));
        }
    }
}
