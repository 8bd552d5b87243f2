using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Visnyk.Data.PostgreSqlMigrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    JobTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Biography = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Phone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceptionHours = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PhotoId = table.Column<int>(type: "integer", nullable: true),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    Heads = table.Column<bool>(type: "boolean", nullable: false),
                    InLeadership = table.Column<bool>(type: "boolean", nullable: false),
                    PageId = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
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

            // A site's rows only, whatever the query (as every site-owned table: RowSecurity).
            migrationBuilder.Sql("ALTER TABLE \"People\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"People\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("""
                CREATE POLICY site_isolation ON "People"
                USING ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int)
                WITH CHECK ("SiteId" = NULLIF(current_setting('app.site_id', true), '')::int);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "People");
        }
    }
}
