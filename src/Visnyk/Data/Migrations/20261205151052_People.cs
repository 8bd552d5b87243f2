using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Visnyk.Data.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JobTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Biography = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceptionHours = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PhotoId = table.Column<int>(type: "INTEGER", nullable: true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Heads = table.Column<bool>(type: "INTEGER", nullable: false),
                    InLeadership = table.Column<bool>(type: "INTEGER", nullable: false),
                    PageId = table.Column<int>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.UniqueConstraint("AK_People_SiteId_Id", x => new { x.SiteId, x.Id });
                    table.ForeignKey(
                        name: "FK_People_Articles_SiteId_PageId",
                        columns: x => new { x.SiteId, x.PageId },
                        principalTable: "Articles",
                        principalColumns: new[] { "SiteId", "Id" });
                    table.ForeignKey(
                        name: "FK_People_Departments_SiteId_DepartmentId",
                        columns: x => new { x.SiteId, x.DepartmentId },
                        principalTable: "Departments",
                        principalColumns: new[] { "SiteId", "Id" });
                    table.ForeignKey(
                        name: "FK_People_Images_SiteId_PhotoId",
                        columns: x => new { x.SiteId, x.PhotoId },
                        principalTable: "Images",
                        principalColumns: new[] { "SiteId", "Id" });
                    table.ForeignKey(
                        name: "FK_People_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_SiteId_DepartmentId",
                table: "People",
                columns: new[] { "SiteId", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_SiteId_PageId",
                table: "People",
                columns: new[] { "SiteId", "PageId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_SiteId_PhotoId",
                table: "People",
                columns: new[] { "SiteId", "PhotoId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_SiteId_Slug",
                table: "People",
                columns: new[] { "SiteId", "Slug" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "People");
        }
    }
}
