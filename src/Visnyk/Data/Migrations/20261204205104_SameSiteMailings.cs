using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class SameSiteMailings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As in SameSiteReferences: the children are rebuilt, their rows copied with foreign
            // keys on, before the parents get their (SiteId, Id) keys; these indexes serve the copy
            // and go with the parents' rebuilds.
            foreach (var table in new[] { "Mailings", "ChangeNotes" })
            {
                migrationBuilder.Sql($"""CREATE UNIQUE INDEX "IX_{table}_SiteKeyForRebuild" ON "{table}" ("SiteId", "Id");""");
            }

            migrationBuilder.DropForeignKey(
                name: "FK_Mailings_ChangeNotes_ChangeNoteId",
                table: "Mailings");

            migrationBuilder.DropIndex(
                name: "IX_Mailings_ChangeNoteId",
                table: "Mailings");

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Mailings_SiteId_Id",
                table: "Mailings",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.AddUniqueConstraint(
                name: "AK_ChangeNotes_SiteId_Id",
                table: "ChangeNotes",
                columns: new[] { "SiteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Mailings_SiteId_ChangeNoteId",
                table: "Mailings",
                columns: new[] { "SiteId", "ChangeNoteId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deliveries_SiteId_MailingId",
                table: "Deliveries",
                columns: new[] { "SiteId", "MailingId" });

            migrationBuilder.AddForeignKey(
                name: "FK_Deliveries_Mailings_SiteId_MailingId",
                table: "Deliveries",
                columns: new[] { "SiteId", "MailingId" },
                principalTable: "Mailings",
                principalColumns: new[] { "SiteId", "Id" });

            migrationBuilder.AddForeignKey(
                name: "FK_Mailings_ChangeNotes_SiteId_ChangeNoteId",
                table: "Mailings",
                columns: new[] { "SiteId", "ChangeNoteId" },
                principalTable: "ChangeNotes",
                principalColumns: new[] { "SiteId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Deliveries_Mailings_SiteId_MailingId",
                table: "Deliveries");

            migrationBuilder.DropForeignKey(
                name: "FK_Mailings_ChangeNotes_SiteId_ChangeNoteId",
                table: "Mailings");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Mailings_SiteId_Id",
                table: "Mailings");

            migrationBuilder.DropIndex(
                name: "IX_Mailings_SiteId_ChangeNoteId",
                table: "Mailings");

            migrationBuilder.DropIndex(
                name: "IX_Deliveries_SiteId_MailingId",
                table: "Deliveries");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_ChangeNotes_SiteId_Id",
                table: "ChangeNotes");

            migrationBuilder.CreateIndex(
                name: "IX_Mailings_ChangeNoteId",
                table: "Mailings",
                column: "ChangeNoteId");

            migrationBuilder.AddForeignKey(
                name: "FK_Mailings_ChangeNotes_ChangeNoteId",
                table: "Mailings",
                column: "ChangeNoteId",
                principalTable: "ChangeNotes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
