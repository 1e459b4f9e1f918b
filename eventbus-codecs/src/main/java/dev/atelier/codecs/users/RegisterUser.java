package dev.atelier.codecs.users;

/**
 * POST /api/auth/register, and the bus request that creates the account. Unknown fields (an
 * {@code id}, {@code passwordHash}) are refused by ContractJson, and {@code role: admin} here.
 */
public record RegisterUser(String email, String password, String name, Role role) {
  public RegisterUser {
    email = AccountRules.email(email);
    password = AccountRules.newPassword(password);
    name = AccountRules.name(name);
    role = AccountRules.selfServiceRole(role);
  }

  @Override
  public String toString() {
    return "RegisterUser[email=" + email + ", password=***, name=" + name + ", role=" + role + "]";
  }
}
