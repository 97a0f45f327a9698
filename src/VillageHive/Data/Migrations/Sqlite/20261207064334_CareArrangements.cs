using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareArrangements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareArrangements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Event = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareArrangements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareArrangements_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CareArrangements_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CareArrangements_Event_StartedOn",
                table: "CareArrangements",
                columns: new[] { "Event", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CareArrangements_HouseholdId",
                table: "CareArrangements",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_CareArrangements_PersonId_StartedOn",
                table: "CareArrangements",
                columns: new[] { "PersonId", "StartedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareArrangements");
        }
    }
}
