# The liquidity-saving step of clearing rounds (members lend their currency credit line to the round).
TEXTS = {
"ClearingCurrency.Title": ("Compensation avec la monnaie {0}", "Clearing with the {0} currency"),
"ClearingCurrency.Intro": ("Après la compensation des dettes en boucle, le tour peut utiliser votre compte en {0} pour régler davantage de vos factures entre membres : votre compte paie ou reçoit en monnaie ce qui éteint des factures, dans les limites de votre compte. Rien n'est payé en francs.", "After the set-off of debts in cycles, the round may use your {0} account to settle more of your invoices between members: your account pays or receives in currency what settles invoices, within your account's limits. Nothing is paid in francs."),
"ClearingCurrency.Given": ("Autorisé le {0} par {1}, dans la limite du montant disponible du compte.", "Allowed on {0} by {1}, up to the account's available amount."),
"ClearingCurrency.GivenUpTo": ("Autorisé le {0} par {1}, jusqu'à {2} {3} par tour.", "Allowed on {0} by {1}, up to {2} {3} per round."),
"ClearingCurrency.NotGiven": ("Votre organisation n'a pas autorisé les tours de compensation à utiliser son compte.", "Your organisation has not allowed clearing rounds to use its account."),
"ClearingCurrency.UpTo": ("Plafond par tour ({0}, facultatif)", "Cap per round ({0}, optional)"),
"ClearingCurrency.UpToHint": ("Laissez vide pour permettre jusqu'au montant disponible de votre compte. Ex. 2 000,00", "Leave empty to allow up to your account's available amount. E.g. 2,000.00"),
"ClearingCurrency.Give": ("Autoriser", "Allow"),
"ClearingCurrency.Update": ("Mettre à jour", "Update"),
"ClearingCurrency.Withdraw": ("Retirer l'autorisation", "Withdraw the permission"),
"ClearingCurrency.ConsentSaved": ("Autorisation enregistrée : les prochains tours pourront utiliser votre compte.", "Permission saved: the next rounds may use your account."),
"ClearingCurrency.ConsentWithdrawn": ("Autorisation retirée : les tours n'utiliseront plus votre compte.", "Permission withdrawn: rounds will no longer use your account."),
"ClearingCurrency.SettledWithCurrency": ("Réglé en plus grâce à la monnaie", "Settled in addition thanks to the currency"),
"ClearingCurrency.Volume": ("Monnaie échangée", "Currency moved"),
"ClearingCurrency.NoticePaid": ("Dans ce tour, votre compte a payé {0} {1} en monnaie complémentaire pour régler ces factures (écriture du grand livre liée au tour).", "In this round, your account paid {0} {1} in complementary currency to settle these invoices (ledger entry linked to the round)."),
"ClearingCurrency.NoticeReceived": ("Dans ce tour, votre compte a reçu {0} {1} en monnaie complémentaire en règlement de ces factures (écriture du grand livre liée au tour).", "In this round, your account received {0} {1} in complementary currency in settlement of these invoices (ledger entry linked to the round)."),
}
