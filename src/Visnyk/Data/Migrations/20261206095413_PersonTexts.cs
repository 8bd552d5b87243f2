using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "People",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Translations",
                table: "People");
        }
    }
}
