using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class MailLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Subscribers",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "uk");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Mailings",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "uk");

            migrationBuilder.CreateIndex(
                name: "IX_Subscribers_SiteId_Language",
                table: "Subscribers",
                columns: new[] { "SiteId", "Language" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscribers_SiteId_Language",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Subscribers");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Mailings");
        }
    }
}
