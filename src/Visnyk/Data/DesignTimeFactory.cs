using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Visnyk.Data;

// Lets `dotnet ef migrations add` build the model without starting the site.
public class DesignTimeFactory : IDesignTimeDbContextFactory<VisnykDb>
{
    public VisnykDb CreateDbContext(string[] args) => new(Standalone("Data Source=design.db"));

    // Options for a context made outside the site's services (tools, tests). Identity shapes its
    // tables by the schema version in its options, so these carry the same one as the site.
    public static DbContextOptions<VisnykDb> Standalone(string connectionString)
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = Accounts.AccountsSetup.IdentitySchema)
            .BuildServiceProvider();
        return new DbContextOptionsBuilder<VisnykDb>().UseSqlite(connectionString).UseApplicationServiceProvider(services).Options;
    }
}
