using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class PageAddressPerLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_PagePath",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_Language_PagePath",
                table: "Articles",
                columns: new[] { "SiteId", "Language", "PagePath" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_SiteId_Language_PagePath",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_SiteId_PagePath",
                table: "Articles",
                columns: new[] { "SiteId", "PagePath" },
                unique: true);
        }
    }
}
