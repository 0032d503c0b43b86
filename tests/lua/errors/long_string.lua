x = [==[ unterminated
