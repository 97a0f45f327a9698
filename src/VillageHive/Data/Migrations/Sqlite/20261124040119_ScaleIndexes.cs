using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_VillageId",
                table: "Households");

            migrationBuilder.AddColumn<string>(
                name: "HeadNameKm",
                table: "Households",
                type: "TEXT",
                maxLength: 201,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HeadNameLatin",
                table: "Households",
                type: "TEXT",
                maxLength: 201,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Households_HeadNameKm_Id",
                table: "Households",
                columns: new[] { "HeadNameKm", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Households_VillageId_HeadNameKm_Id",
                table: "Households",
                columns: new[] { "VillageId", "HeadNameKm", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Changes",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId", "Id" },
                filter: "\"Action\" <> 'Read'");

            // Hand-written (keep when regenerating): triggers that keep Households.HeadNameKm and the search index in step.
            foreach (var sql in DerivedSchema.SqliteCreate)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in DerivedSchema.SqliteDrop)
                migrationBuilder.Sql(sql);

            migrationBuilder.DropIndex(
                name: "IX_Households_HeadNameKm_Id",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_Households_VillageId_HeadNameKm_Id",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Changes",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "HeadNameKm",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "HeadNameLatin",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_Households_VillageId",
                table: "Households",
                column: "VillageId");
        }
    }
}
