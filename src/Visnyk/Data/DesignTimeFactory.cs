using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Visnyk.Data;

// Lets `dotnet ef migrations add` build the model without starting the site. Identity shapes its
// tables by the schema version in its options, so the tools get the same options as the site.
public class DesignTimeFactory : IDesignTimeDbContextFactory<VisnykDb>
{
    public VisnykDb CreateDbContext(string[] args)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = Accounts.AccountsSetup.IdentitySchema)
            .BuildServiceProvider();
        return new(new DbContextOptionsBuilder<VisnykDb>().UseSqlite("Data Source=design.db").UseApplicationServiceProvider(services).Options);
    }
}
