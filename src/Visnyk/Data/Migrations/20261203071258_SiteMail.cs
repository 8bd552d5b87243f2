using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class SiteMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_Frequency_SubscriberId",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SiteId",
                table: "Subscriptions");

            migrationBuilder.AddColumn<string>(
                name: "MailSenderAddress",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MailSenderName",
                table: "SiteSettings",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SiteId_Frequency_SubscriberId",
                table: "Subscriptions",
                columns: new[] { "SiteId", "Frequency", "SubscriberId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SiteId_Frequency_SubscriberId",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "MailSenderAddress",
                table: "SiteSettings");

            migrationBuilder.DropColumn(
                name: "MailSenderName",
                table: "SiteSettings");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Frequency_SubscriberId",
                table: "Subscriptions",
                columns: new[] { "Frequency", "SubscriberId" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SiteId",
                table: "Subscriptions",
                column: "SiteId");
        }
    }
}
