using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VillageHive.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MergesKeepEverything : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonMerges_MergedPersonId",
                table: "PersonMerges");

            migrationBuilder.AddColumn<string>(
                name: "Moved",
                table: "PersonMerges",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "UndoneAt",
                table: "PersonMerges",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndoneBy",
                table: "PersonMerges",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoHouseholdId",
                table: "Households",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HouseholdMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeptHouseholdId = table.Column<int>(type: "integer", nullable: false),
                    MergedHouseholdId = table.Column<int>(type: "integer", nullable: false),
                    Moved = table.Column<string>(type: "text", nullable: false),
                    MergedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MergedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UndoneBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UndoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdMerges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_MergedPersonId",
                table: "PersonMerges",
                column: "MergedPersonId",
                unique: true,
                filter: "\"UndoneAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMerges_KeptHouseholdId",
                table: "HouseholdMerges",
                column: "KeptHouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMerges_MergedHouseholdId",
                table: "HouseholdMerges",
                column: "MergedHouseholdId",
                unique: true,
                filter: "\"UndoneAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HouseholdMerges");

            migrationBuilder.DropIndex(
                name: "IX_PersonMerges_MergedPersonId",
                table: "PersonMerges");

            migrationBuilder.DropColumn(
                name: "Moved",
                table: "PersonMerges");

            migrationBuilder.DropColumn(
                name: "UndoneAt",
                table: "PersonMerges");

            migrationBuilder.DropColumn(
                name: "UndoneBy",
                table: "PersonMerges");

            migrationBuilder.DropColumn(
                name: "MergedIntoHouseholdId",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_MergedPersonId",
                table: "PersonMerges",
                column: "MergedPersonId",
                unique: true);
        }
    }
}
