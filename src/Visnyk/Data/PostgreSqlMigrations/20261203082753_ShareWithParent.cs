using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class ShareWithParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ShareWithParent",
                table: "SiteSettings",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShareWithParent",
                table: "SiteSettings");
        }
    }
}
