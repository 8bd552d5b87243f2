using Microsoft.AspNetCore.Identity;
using Visnyk.Departments;

namespace Visnyk.Accounts;

// A newsroom account: an administrator, a chief editor or an editor of some departments.
// Residents have no accounts; subscribers are not users.
public class User : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    // The departments an editor writes for; chief editors and administrators are not bound to any.
    public List<Department> Departments { get; set; } = [];
}
