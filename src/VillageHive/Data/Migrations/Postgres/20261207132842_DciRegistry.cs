using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VillageHive.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DciRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DciOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    SubscriptionId = table.Column<int>(type: "integer", nullable: true),
                    HouseholdId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    GaveUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DciOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DciReceivedMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DciReceivedMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DciSenderKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    KeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DciSenderKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DciSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(99)", maxLength: 99, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FilterType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Filter = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NotifyUri = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SubscriberId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SeenUpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SeenId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DciSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DciTransactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Statuses = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DciTransactions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DciOutbox_SentAt_NextAttemptAt",
                table: "DciOutbox",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DciOutbox_SubscriptionId_HouseholdId_CreatedAt",
                table: "DciOutbox",
                columns: new[] { "SubscriptionId", "HouseholdId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DciReceivedMessages_ClientId_MessageId",
                table: "DciReceivedMessages",
                columns: new[] { "ClientId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DciSenderKeys_ClientId_KeyId",
                table: "DciSenderKeys",
                columns: new[] { "ClientId", "KeyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DciSubscriptions_Code",
                table: "DciSubscriptions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DciTransactions_ClientId_TransactionId",
                table: "DciTransactions",
                columns: new[] { "ClientId", "TransactionId" });

            migrationBuilder.CreateIndex(
                name: "IX_DciTransactions_CorrelationId",
                table: "DciTransactions",
                column: "CorrelationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DciOutbox");

            migrationBuilder.DropTable(
                name: "DciReceivedMessages");

            migrationBuilder.DropTable(
                name: "DciSenderKeys");

            migrationBuilder.DropTable(
                name: "DciSubscriptions");

            migrationBuilder.DropTable(
                name: "DciTransactions");
        }
    }
}
