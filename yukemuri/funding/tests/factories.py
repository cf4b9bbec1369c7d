"""Payment details a test campaign opens with (a campaign never opens without them)."""

PAYMENT = {"bank_name": "群馬テスト銀行", "bank_branch": "前橋支店", "account_type": "ordinary",
           "account_number": "7654321", "account_holder": "ユケムリ タロウ"}
