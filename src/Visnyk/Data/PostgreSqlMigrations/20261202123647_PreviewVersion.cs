using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class PreviewVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PreviewVersion",
                table: "Articles",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviewVersion",
                table: "Articles");
        }
    }
}
