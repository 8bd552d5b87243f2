using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneTimeCodesAndTwoFactorForAll : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Not a rename: the old column asked for two-factor, the new one relaxes it, and every
            // site starts with it required of every role (the old default let editors go without).
            migrationBuilder.DropColumn(
                name: "EditorsNeedTwoFactor",
                table: "SiteSettings");

            migrationBuilder.AddColumn<bool>(
                name: "EditorsMaySkipTwoFactor",
                table: "SiteSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastTotpStep",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustEnrolTwoFactor",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastTotpStep",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MustEnrolTwoFactor",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EditorsMaySkipTwoFactor",
                table: "SiteSettings");

            migrationBuilder.AddColumn<bool>(
                name: "EditorsNeedTwoFactor",
                table: "SiteSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);
        }
    }
}
