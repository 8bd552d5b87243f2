using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class SiteWritesPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "WritesPausedUntil",
                table: "Sites",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WritesPausedUntil",
                table: "Sites");
        }
    }
}
