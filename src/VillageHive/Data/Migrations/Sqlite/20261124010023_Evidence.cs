using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VillageHive.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseStories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SelectedForYear = table.Column<int>(type: "INTEGER", nullable: true),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStories_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    Use = table.Column<int>(type: "INTEGER", nullable: false),
                    Given = table.Column<bool>(type: "INTEGER", nullable: false),
                    Said = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeSurveys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    SurveyedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Occasion = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyIncomeMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    MonthlySavingsMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    FoodSecurity = table.Column<int>(type: "INTEGER", nullable: true),
                    ChildrenOfSchoolAge = table.Column<int>(type: "INTEGER", nullable: true),
                    ChildrenEnrolled = table.Column<int>(type: "INTEGER", nullable: true),
                    ChildrenAttending = table.Column<int>(type: "INTEGER", nullable: true),
                    Violence = table.Column<int>(type: "INTEGER", nullable: true),
                    Alcohol = table.Column<int>(type: "INTEGER", nullable: true),
                    ParentMigrated = table.Column<bool>(type: "INTEGER", nullable: true),
                    AllChildrenBirthRegistered = table.Column<bool>(type: "INTEGER", nullable: true),
                    Housing = table.Column<int>(type: "INTEGER", nullable: true),
                    Wellbeing = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSurveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeSurveys_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeSurveys_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PseudonymKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PseudonymKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStories_CaseId",
                table: "CaseStories",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseStories_SelectedForYear",
                table: "CaseStories",
                column: "SelectedForYear");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_HouseholdId_Use_RecordedAt",
                table: "ConsentRecords",
                columns: new[] { "HouseholdId", "Use", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_PersonId",
                table: "ConsentRecords",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeSurveys_CaseId",
                table: "OutcomeSurveys",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeSurveys_HouseholdId_SurveyedOn",
                table: "OutcomeSurveys",
                columns: new[] { "HouseholdId", "SurveyedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseStories");

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropTable(
                name: "OutcomeSurveys");

            migrationBuilder.DropTable(
                name: "PseudonymKeys");
        }
    }
}
