using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class AccessibilityStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccessibilityCheckMethod",
                table: "SiteSettings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AccessibilityCheckedOn",
                table: "SiteSettings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AccessibilityConformance",
                table: "SiteSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AccessibilityEnforcement",
                table: "SiteSettings",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AccessibilityExceptions",
                table: "SiteSettings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AccessibilityPreparedOn",
                table: "SiteSettings",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessibilityCheckMethod",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "AccessibilityCheckedOn",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "AccessibilityConformance",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "AccessibilityEnforcement",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "AccessibilityExceptions",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "AccessibilityPreparedOn",
                table: "SiteSettings");
        }
    }
}
