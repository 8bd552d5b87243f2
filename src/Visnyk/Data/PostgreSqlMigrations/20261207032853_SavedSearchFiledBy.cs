using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SavedSearchFiledBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FiledBy",
                table: "SavedSearches",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FiledBy",
                table: "SavedSearches");
        }
    }
}
