using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Visnyk.Data;

// Lets `dotnet ef migrations add` build the model without starting the site.
public class DesignTimeFactory : IDesignTimeDbContextFactory<VisnykDb>
{
    public VisnykDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VisnykDb>().UseSqlite("Data Source=design.db").Options);
}
