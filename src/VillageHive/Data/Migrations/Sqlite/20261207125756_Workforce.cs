using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace VillageHive.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Workforce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CaseloadCeiling",
                table: "Hives",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IndependentFrom",
                table: "Hives",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReadinessConfirmations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<int>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadinessConfirmations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReadinessConfirmations_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffMovements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Worker = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffMovements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffMovements_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Supervisor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Worker = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgreedActions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NextOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrainingModules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NameKm = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Core = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingModules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionCases",
                columns: table => new
                {
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionCases", x => new { x.SessionId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_SupervisionCases_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SupervisionCases_SupervisionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "SupervisionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Worker = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ModuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Trainer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Result = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingRecords_Communes_CommuneId",
                        column: x => x.CommuneId,
                        principalTable: "Communes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TrainingRecords_TrainingModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "TrainingModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "TrainingModules",
                columns: new[] { "Id", "Code", "Core", "NameEn", "NameKm", "Order" },
                values: new object[,]
                {
                    { 1, "SW1", false, "Foundations of social work", "មូលដ្ឋានគ្រឹះនៃការងារសង្គមកិច្ច", 1 },
                    { 2, "CP1", true, "Child protection and safeguarding", "ការការពារកុមារ និងសុវត្ថិភាពកុមារ", 2 },
                    { 3, "CO1", true, "Counselling skills", "ជំនាញប្រឹក្សាយោបល់", 3 },
                    { 4, "CM1", false, "Case management: assessment and planning", "ការគ្រប់គ្រងករណី៖ ការវាយតម្លៃ និងការរៀបចំផែនការ", 4 },
                    { 5, "FN1", false, "Working with family networks", "ការធ្វើការជាមួយបណ្ដាញគ្រួសារ", 5 },
                    { 6, "RF1", false, "Referral and the services network", "ការបញ្ជូន និងបណ្ដាញសេវា", 6 },
                    { 7, "ET1", false, "Ethics, confidentiality and consent", "ក្រមសីលធម៌ ការរក្សាការសម្ងាត់ និងការយល់ព្រម", 7 },
                    { 8, "SC1", false, "Self-care and supervision", "ការថែទាំខ្លួនឯង និងការត្រួតពិនិត្យការងារ", 8 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReadinessConfirmations_CommuneId_Item",
                table: "ReadinessConfirmations",
                columns: new[] { "CommuneId", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffMovements_CommuneId_On",
                table: "StaffMovements",
                columns: new[] { "CommuneId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffMovements_Worker_On",
                table: "StaffMovements",
                columns: new[] { "Worker", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionCases_CaseId",
                table: "SupervisionCases",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_CommuneId_NextOn",
                table: "SupervisionSessions",
                columns: new[] { "CommuneId", "NextOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_Worker_HeldOn",
                table: "SupervisionSessions",
                columns: new[] { "Worker", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingModules_Code",
                table: "TrainingModules",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingRecords_CommuneId_Worker",
                table: "TrainingRecords",
                columns: new[] { "CommuneId", "Worker" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingRecords_ModuleId",
                table: "TrainingRecords",
                column: "ModuleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReadinessConfirmations");

            migrationBuilder.DropTable(
                name: "StaffMovements");

            migrationBuilder.DropTable(
                name: "SupervisionCases");

            migrationBuilder.DropTable(
                name: "TrainingRecords");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");

            migrationBuilder.DropTable(
                name: "TrainingModules");

            migrationBuilder.DropColumn(
                name: "CaseloadCeiling",
                table: "Hives");

            migrationBuilder.DropColumn(
                name: "IndependentFrom",
                table: "Hives");
        }
    }
}
