using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
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
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AccessibilityCheckedOn",
                table: "SiteSettings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AccessibilityConformance",
                table: "SiteSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AccessibilityEnforcement",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AccessibilityExceptions",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AccessibilityPreparedOn",
                table: "SiteSettings",
                type: "TEXT",
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
